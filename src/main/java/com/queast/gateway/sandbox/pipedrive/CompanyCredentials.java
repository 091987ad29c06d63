package com.queast.gateway.sandbox.pipedrive;

/**
 * What {@code POST /_sandbox/companies} answers.
 *
 * @param companyId the company id ({@code company_id} in {@code /users/me} and webhooks)
 * @param apiToken the admin user's API token ({@code x-api-token})
 * @param apiDomain base URL to call, i.e. this sandbox
 * @param userId the company's admin user id
 */
public record CompanyCredentials(long companyId, String apiToken, String apiDomain, long userId) {}
