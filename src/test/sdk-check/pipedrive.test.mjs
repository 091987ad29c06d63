// Checks the Pipedrive sandbox with the official `pipedrive` npm SDK (public API only).
// PIPEDRIVE_BASE (default http://127.0.0.1:18092) points at the sandbox; the admin API (/_sandbox/...) is used only
// to make a company and to fetch an authorization code.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { v1, v2 } from 'pipedrive';

const BASE = process.env.PIPEDRIVE_BASE || 'http://127.0.0.1:18092';
let company;
let cfg1;
let cfg2;
const run = Date.now().toString(36);

before(async () => {
  const r = await fetch(`${BASE}/_sandbox/companies`, { method: 'POST' });
  assert.ok(r.ok);
  company = await r.json();
  cfg2 = new v2.Configuration({ apiKey: company.apiToken, basePath: `${company.apiDomain}/api/v2` });
  cfg1 = new v1.Configuration({ apiKey: company.apiToken, basePath: `${company.apiDomain}/api/v1` });
});

test('v2 organizations: create, get, update, list with cursor, search, delete', async () => {
  const orgs = new v2.OrganizationsApi(cfg2);
  const created = await orgs.addOrganization({ AddOrganizationRequest: { name: `Acme ${run}` } });
  assert.equal(created.success, true);
  assert.equal(typeof created.data.id, 'number');
  assert.equal(created.data.name, `Acme ${run}`);

  const got = await orgs.getOrganization({ id: created.data.id });
  assert.equal(got.data.id, created.data.id);

  const upd = await orgs.updateOrganization({ id: created.data.id, UpdateOrganizationRequest: { name: `Acme2 ${run}` } });
  assert.equal(upd.data.name, `Acme2 ${run}`);

  for (let i = 0; i < 3; i += 1) await orgs.addOrganization({ AddOrganizationRequest: { name: `Org${i} ${run}` } });
  const p1 = await orgs.getOrganizations({ limit: 2 });
  assert.equal(p1.data.length, 2);
  assert.ok(p1.additional_data.next_cursor);
  const p2 = await orgs.getOrganizations({ limit: 2, cursor: p1.additional_data.next_cursor });
  assert.equal(p2.data.length, 2);
  assert.notEqual(p2.data[0].id, p1.data[0].id);

  const found = await orgs.searchOrganization({ term: `Acme2 ${run}`, fields: 'name', exact_match: true });
  assert.equal(found.data.items.length, 1);
  assert.equal(found.data.items[0].item.id, created.data.id);

  const del = await orgs.deleteOrganization({ id: created.data.id });
  assert.equal(del.data.id, created.data.id);
  // SDK quirk: its error interceptor rejects with the parsed response body, not an Error with a status.
  await assert.rejects(orgs.getOrganization({ id: created.data.id }), (e) => {
    assert.equal(e.success, false);
    assert.match(String(e.error), /not found/i);
    return true;
  });
});

test('v2 fields: create custom fields, write and read them via custom_fields', async () => {
  const orgFields = new v2.OrganizationFieldsApi(cfg2);
  const personFields = new v2.PersonFieldsApi(cfg2);
  const of = await orgFields.addOrganizationField({ AddOrganizationFieldRequest: { field_name: 'Queast id', field_type: 'varchar' } });
  assert.match(of.data.field_code, /^[0-9a-f]{40}$/);
  const pf = await personFields.addPersonField({ AddPersonFieldRequest: { field_name: 'Score', field_type: 'double' } });
  assert.match(pf.data.field_code, /^[0-9a-f]{40}$/);
  const listed = await orgFields.getOrganizationFields({ limit: 500 });
  assert.ok(listed.data.some((f) => f.field_code === of.data.field_code));
  assert.ok(listed.data.some((f) => f.field_code === 'name'));

  const orgs = new v2.OrganizationsApi(cfg2);
  const org = await orgs.addOrganization({ AddOrganizationRequest: { name: `CF ${run}`, custom_fields: { [of.data.field_code]: `q-${run}` } } });
  assert.equal(org.data.custom_fields[of.data.field_code], `q-${run}`);
  const hit = await orgs.searchOrganization({ term: `q-${run}`, fields: 'custom_fields', exact_match: true });
  assert.equal(hit.data.items[0]?.item.id, org.data.id);

  const persons = new v2.PersonsApi(cfg2);
  const email = `ann.${run}@example.com`;
  const p = await persons.addPerson({ AddPersonRequest: {
    name: 'Ann Smith', org_id: org.data.id, emails: [{ value: email, primary: true, label: 'work' }],
    custom_fields: { [pf.data.field_code]: 42 } } });
  assert.equal(typeof p.data.id, 'number');
  assert.equal(p.data.org_id, org.data.id);
  assert.equal(p.data.emails[0].value, email);
  assert.equal(p.data.custom_fields[pf.data.field_code], 42);
  const pu = await persons.updatePerson({ id: p.data.id, UpdatePersonRequest: { custom_fields: { [pf.data.field_code]: 7.5 } } });
  assert.equal(pu.data.custom_fields[pf.data.field_code], 7.5);
  const pg = await persons.getPerson({ id: p.data.id });
  assert.equal(pg.data.first_name, 'Ann');
  assert.equal(pg.data.custom_fields[pf.data.field_code], 7.5);
  const byOrg = await persons.getPersons({ org_id: org.data.id });
  assert.deepEqual(byOrg.data.map((x) => x.id), [p.data.id]);
  const s = await persons.searchPersons({ term: email, fields: 'email', exact_match: true });
  assert.equal(s.data.items[0]?.item.id, p.data.id);
});

test('v1 notes, v2 activities, v1 users/me', async () => {
  const orgs = new v2.OrganizationsApi(cfg2);
  const org = await orgs.addOrganization({ AddOrganizationRequest: { name: `Noted ${run}` } });
  const notes = new v1.NotesApi(cfg1);
  const n = await notes.addNote({ AddNoteRequest: { content: '<p>Hello</p>', org_id: org.data.id } });
  assert.equal(n.success, true);
  assert.equal(typeof n.data.id, 'number');
  assert.equal(n.data.org_id, org.data.id);
  const got = await notes.getNote({ id: n.data.id });
  assert.equal(got.data.content, '<p>Hello</p>');
  const list = await notes.getNotes({ org_id: org.data.id });
  assert.deepEqual(list.data.map((x) => x.id), [n.data.id]);

  const acts = new v2.ActivitiesApi(cfg2);
  const a = await acts.addActivity({ AddActivityRequest: { subject: 'Call', type: 'call', org_id: org.data.id, due_date: '2026-12-01' } });
  assert.equal(typeof a.data.id, 'number');
  assert.equal(a.data.subject, 'Call');
  const ag = await acts.getActivity({ id: a.data.id });
  assert.equal(ag.data.org_id, org.data.id);
  const al = await acts.getActivities({ org_id: org.data.id });
  assert.ok(al.data.some((x) => x.id === a.data.id));

  const me = await new v1.UsersApi(cfg1).getCurrentUser();
  assert.equal(me.data.id, company.userId);
  assert.equal(me.data.company_id, company.companyId);
});

test('v1 webhooks: create, list, delete', async () => {
  const hooks = new v1.WebhooksApi(cfg1);
  const w = await hooks.addWebhook({ AddWebhookRequest: {
    subscription_url: 'https://example.com/pd-hook', event_action: 'create', event_object: 'person', name: 'sdk-check' } });
  assert.equal(w.success, true);
  assert.equal(typeof w.data.id, 'number');
  assert.equal(w.data.event_object, 'person');
  const list = await hooks.getWebhooks();
  assert.ok(list.data.some((x) => x.id === w.data.id));
  const del = await hooks.deleteWebhook({ id: w.data.id });
  assert.equal(del.success, true);
  const after = await hooks.getWebhooks();
  assert.ok(!(after.data || []).some((x) => x.id === w.data.id));
});

test('v1 webhook created through the SDK delivers a v2 payload with Basic auth', async () => {
  let notify;
  const got = new Promise((resolve) => { notify = resolve; });
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => { body += d; });
    req.on('end', () => { res.writeHead(200).end(); notify({ headers: req.headers, body }); });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  try {
    const hooks = new v1.WebhooksApi(cfg1);
    const w = await hooks.addWebhook({ AddWebhookRequest: {
      subscription_url: `http://127.0.0.1:${server.address().port}/pd`, event_action: 'create', event_object: 'person',
      http_auth_user: 'u1', http_auth_password: 'p1', version: '2.0', name: 'sdk-check-delivery' } });
    assert.equal(w.data.version, '2.0');
    const p = await new v2.PersonsApi(cfg2).addPerson({ AddPersonRequest: { name: `Hooked ${run}` } });
    const timer = setTimeout(() => notify(null), 10000);
    const delivery = await got;
    clearTimeout(timer);
    assert.ok(delivery, 'a webhook arrived');
    assert.equal(delivery.headers.authorization, `Basic ${Buffer.from('u1:p1').toString('base64')}`);
    const payload = JSON.parse(delivery.body);
    assert.equal(payload.meta.action, 'create');
    assert.equal(payload.meta.entity, 'person');
    assert.equal(payload.meta.entity_id, String(p.data.id));
    assert.equal(payload.meta.webhook_id, String(w.data.id));
    assert.equal(payload.data.name, `Hooked ${run}`);
    assert.equal(payload.previous, null);
    await hooks.deleteWebhook({ id: w.data.id });
  } finally {
    server.close();
  }
});

test('oauth: OAuth2Configuration authorize, refresh, API call with the token', async () => {
  const redirectUri = 'http://localhost:3000/callback';
  const oauth2 = new v2.OAuth2Configuration({ clientId: 'pipedrive-sandbox-client',
    clientSecret: 'pipedrive-sandbox-secret', redirectUri, host: BASE });
  const authUrl = new URL(oauth2.authorizationUrl);
  assert.equal(authUrl.pathname, '/oauth/authorize');
  authUrl.searchParams.set('company_id', String(company.companyId));
  authUrl.searchParams.set('state', 'st');
  await fetch(`${BASE}/_sandbox/oauth`, { method: 'PUT', body: JSON.stringify({ autoConsent: true }) });
  const r = await fetch(authUrl, { redirect: 'manual' });
  assert.equal(r.status, 302);
  const code = new URL(r.headers.get('location')).searchParams.get('code');
  assert.ok(code);
  const tok = await oauth2.authorize(code);
  assert.ok(tok.access_token);
  assert.equal(tok.api_domain, company.apiDomain);
  assert.equal(oauth2.basePath, `${company.apiDomain}/api/v2`);
  const refreshed = await oauth2.tokenRefresh();
  assert.ok(refreshed.access_token);
  const orgs = new v2.OrganizationsApi(oauth2);
  const o = await orgs.addOrganization({ AddOrganizationRequest: { name: `OAuth ${run}` } });
  assert.equal(typeof o.data.id, 'number');

  // SDK quirk: revokeToken('access_token') URL-encodes the access token and then form-encodes it again, so a token
  // with ':' (Pipedrive's "v1u:..." form) arrives double-encoded and is not recognised (answer 200 as per RFC 7009).
  // The refresh token is sent encoded once, so the check revokes that one.
  const revoked = await oauth2.revokeToken('refresh_token');
  assert.equal(revoked.status, 200);
  await assert.rejects(oauth2.tokenRefresh(), (e) => {
    const body = e.response?.data ?? e;
    assert.equal(body.error, 'invalid_grant');
    return true;
  });
});
