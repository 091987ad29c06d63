/**
 * Identity matching: finds the CRM record a Queast record already is before its first write.
 *
 * <p>Entry points: {@link com.queast.gateway.matching.CrmIndex} (one per connection, kept fresh by
 * the caller), {@link com.queast.gateway.matching.IdentityMatcher#match(QueastCompany)} returning a
 * {@link com.queast.gateway.matching.MatchDecision} with its {@link
 * com.queast.gateway.matching.Evidence}, and {@link com.queast.gateway.matching.MatchThresholds}
 * per tenant. {@link com.queast.gateway.matching.MatchEvalCommand} measures it on labelled pairs.
 * Everything here is pure and synchronous; see {@code docs/matching.md}.
 */
package com.queast.gateway.matching;
