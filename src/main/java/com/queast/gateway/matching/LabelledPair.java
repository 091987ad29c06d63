package com.queast.gateway.matching;

/**
 * One row of a labelled pairs file: a Queast company, a CRM company, and whether they are the same.
 *
 * @param line 1-based line in the file
 * @param queast the Queast side
 * @param crm the CRM side
 * @param same the label (1 = same company)
 */
public record LabelledPair(int line, QueastCompany queast, CrmRecord crm, boolean same) {}
