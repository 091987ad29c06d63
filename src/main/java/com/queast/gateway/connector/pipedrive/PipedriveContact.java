package com.queast.gateway.connector.pipedrive;

import java.util.List;

/**
 * A Pipedrive organization or person as the local CRM index needs it.
 *
 * @param kind organization or person
 * @param id Pipedrive id
 * @param name name
 * @param website organization website, or null
 * @param linkedin organization LinkedIn URL, or null
 * @param country address country, or null
 * @param city address locality, or null
 * @param emails person e-mails (empty for organizations)
 * @param orgId a person's organization id, or null
 * @param queastId value of the {@code queast_id} custom field, or null
 * @param phones person phone numbers, the primary one first (empty for organizations: the v2
 *     organization has no phone field)
 */
public record PipedriveContact(
    ContactKind kind,
    String id,
    String name,
    String website,
    String linkedin,
    String country,
    String city,
    List<String> emails,
    String orgId,
    String queastId,
    List<String> phones) {}
