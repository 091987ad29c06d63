package com.queast.gateway.matching;

/**
 * A Queast person about to be written to a connection. Every field may be null.
 *
 * @param queastId Queast's id
 * @param fullName full name
 * @param email email address
 * @param linkedin LinkedIn profile URL ({@code /in/<slug>})
 * @param companyDomain the employer's website or domain
 * @param country country
 * @param city city
 * @param storedCrmId the CRM id of an existing link, if any
 * @param suppliedCrmId a CRM id that Queast itself supplied
 */
public record QueastPerson(
    String queastId,
    String fullName,
    String email,
    String linkedin,
    String companyDomain,
    String country,
    String city,
    String storedCrmId,
    String suppliedCrmId) {}
