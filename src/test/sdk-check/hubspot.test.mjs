// Checks the HubSpot sandbox with the official @hubspot/api-client SDK (public API only).
// HUBSPOT_BASE (default http://127.0.0.1:18091) points at the sandbox; the admin API (/_sandbox/...) is used only
// to make a portal and to fetch an authorization code.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { Client, Signature } from '@hubspot/api-client';

const BASE = process.env.HUBSPOT_BASE || 'http://127.0.0.1:18091';
const APP_ID = 1160452;
const CLIENT_ID = 'sandbox-client-id';
const CLIENT_SECRET = 'sandbox-client-secret';
const DEV_KEY = 'sandbox-developer-api-key';
const APP_SCOPES = 'oauth crm.objects.companies.read crm.objects.companies.write crm.objects.contacts.read '
  + 'crm.objects.contacts.write crm.schemas.companies.read crm.schemas.companies.write crm.schemas.contacts.read '
  + 'crm.schemas.contacts.write';

let portal;
let hs;
const run = Date.now().toString(36);

before(async () => {
  const r = await fetch(`${BASE}/_sandbox/portals`, { method: 'POST', body: '{}' });
  assert.equal(r.status, 201);
  portal = await r.json();
  hs = new Client({ accessToken: portal.privateAppToken, basePath: BASE, numberOfApiCallRetries: 0 });
});

test('companies: create, get, update, archive', async () => {
  const created = await hs.crm.companies.basicApi.create({ properties: { name: 'Acme SDK', domain: 'acme-sdk.example' } });
  assert.match(created.id, /^\d+$/);
  assert.equal(created.properties.name, 'Acme SDK');
  assert.ok(created.createdAt instanceof Date, 'createdAt is parsed to a Date');
  assert.ok(!Number.isNaN(created.createdAt.getTime()));

  const got = await hs.crm.companies.basicApi.getById(created.id, ['name', 'domain']);
  assert.equal(got.id, created.id);
  assert.equal(got.properties.domain, 'acme-sdk.example');
  assert.equal(got.archived, false);

  const updated = await hs.crm.companies.basicApi.update(created.id, { properties: { name: 'Acme SDK 2' } });
  assert.equal(updated.properties.name, 'Acme SDK 2');
  assert.ok(updated.updatedAt instanceof Date);

  await hs.crm.companies.basicApi.archive(created.id);
  await assert.rejects(hs.crm.companies.basicApi.getById(created.id), (e) => e.code === 404);
  const archived = await hs.crm.companies.basicApi.getById(created.id, ['name'], undefined, undefined, true);
  assert.equal(archived.archived, true);
  assert.ok(archived.archivedAt instanceof Date);
});

test('contacts: create, get by email, update, archive, conflict error', async () => {
  const email = `jane.${run}@example.com`;
  const created = await hs.crm.contacts.basicApi.create({ properties: { email, firstname: 'Jane', lastname: 'Doe' } });
  assert.match(created.id, /^\d+$/);
  const byEmail = await hs.crm.contacts.basicApi.getById(email, ['firstname'], undefined, undefined, false, 'email');
  assert.equal(byEmail.id, created.id);
  assert.equal(byEmail.properties.firstname, 'Jane');
  const updated = await hs.crm.contacts.basicApi.update(created.id, { properties: { lastname: 'Roe' } });
  assert.equal(updated.properties.lastname, 'Roe');
  await assert.rejects(hs.crm.contacts.basicApi.create({ properties: { email } }), (e) => {
    assert.equal(e.code, 409);
    assert.equal(e.body.category, 'CONFLICT');
    assert.match(e.body.message, new RegExp(`Existing ID: ${created.id}`));
    return true;
  });
  await hs.crm.contacts.basicApi.archive(created.id);
  await assert.rejects(hs.crm.contacts.basicApi.getById(created.id), (e) => e.code === 404);
});

test('contacts: list page with cursor', async () => {
  for (let i = 0; i < 3; i += 1) {
    await hs.crm.contacts.basicApi.create({ properties: { email: `list${i}.${run}@example.com` } });
  }
  const page1 = await hs.crm.contacts.basicApi.getPage(2, undefined, ['email']);
  assert.equal(page1.results.length, 2);
  assert.ok(page1.paging?.next?.after, 'a next cursor');
  const page2 = await hs.crm.contacts.basicApi.getPage(2, page1.paging.next.after, ['email']);
  assert.ok(page2.results.length >= 1);
  assert.notEqual(page2.results[0].id, page1.results[0].id);
});

test('properties: list, create unique property; batch create, upsert, read', async () => {
  const all = await hs.crm.properties.coreApi.getAll('companies');
  assert.ok(all.results.some((p) => p.name === 'name' && p.type === 'string'));

  const propName = `queast_id_${run}`;
  const prop = await hs.crm.properties.coreApi.create('companies', {
    name: propName, label: 'Queast id', type: 'string', fieldType: 'text', groupName: 'companyinformation',
    hasUniqueValue: true,
  });
  assert.equal(prop.name, propName);
  assert.equal(prop.hasUniqueValue, true);
  assert.equal(prop.type, 'string');

  const batch = await hs.crm.companies.batchApi.create({
    inputs: [{ properties: { name: 'B1', [propName]: 'q-1' } }, { properties: { name: 'B2', [propName]: 'q-2' } }],
  });
  assert.equal(batch.status, 'COMPLETE');
  assert.equal(batch.results.length, 2);
  const ids = batch.results.map((r) => r.id);

  const upsert = await hs.crm.companies.batchApi.upsert({
    inputs: [
      { id: 'q-1', idProperty: propName, properties: { name: 'B1 updated' } },
      { id: 'q-3', idProperty: propName, properties: { name: 'B3' } },
    ],
  });
  assert.equal(upsert.status, 'COMPLETE');
  const byName = Object.fromEntries(upsert.results.map((r) => [r.properties.name, r]));
  assert.equal(byName['B1 updated'].id, ids[0]);
  assert.equal(byName['B1 updated']._new, false);
  assert.equal(byName.B3._new, true);

  const read = await hs.crm.companies.batchApi.read({
    inputs: [{ id: 'q-1' }, { id: 'q-2' }], idProperty: propName, properties: ['name', propName], propertiesWithHistory: [],
  });
  assert.equal(read.results.length, 2);
  assert.deepEqual(read.results.map((r) => r.properties[propName]).sort(), ['q-1', 'q-2']);
  assert.ok(read.results.some((r) => r.properties.name === 'B1 updated'));

  // A missing id: 207 with per-input errors, which the SDK returns (not throws) as a typed object.
  const partial = await hs.crm.companies.batchApi.read({ inputs: [{ id: ids[1] }, { id: '999999999' }],
    properties: ['name'], propertiesWithHistory: [] });
  assert.equal(partial.results.length, 1);
  assert.equal(partial.results[0].id, ids[1]);
  assert.equal(partial.numErrors, 1);
  assert.equal(partial.errors[0].category, 'OBJECT_NOT_FOUND');
  assert.deepEqual(partial.errors[0].context.ids, ['999999999']);
});

test('search: filters and paging', async () => {
  const city = `Springfield${run}`;
  for (let i = 0; i < 5; i += 1) {
    await hs.crm.companies.basicApi.create({ properties: { name: `S${i}`, city } });
  }
  const req = {
    filterGroups: [{ filters: [{ propertyName: 'city', operator: 'EQ', value: city }] }],
    properties: ['name', 'city'], limit: 2, sorts: ['name'],
  };
  const p1 = await hs.crm.companies.searchApi.doSearch(req);
  assert.equal(p1.total, 5);
  assert.deepEqual(p1.results.map((r) => r.properties.name), ['S0', 'S1']);
  assert.ok(p1.paging?.next?.after);
  const p2 = await hs.crm.companies.searchApi.doSearch({ ...req, after: p1.paging.next.after });
  assert.deepEqual(p2.results.map((r) => r.properties.name), ['S2', 'S3']);
  const inFilter = await hs.crm.companies.searchApi.doSearch({
    filterGroups: [{ filters: [{ propertyName: 'name', operator: 'IN', values: ['S1', 'S4'] },
      { propertyName: 'city', operator: 'EQ', value: city }] }],
  });
  assert.equal(inFilter.total, 2);
});

test('associations v4 and notes with associations', async () => {
  const company = await hs.crm.companies.basicApi.create({ properties: { name: 'Assoc Co' } });
  const contact = await hs.crm.contacts.basicApi.create({ properties: { email: `assoc.${run}@example.com` } });

  const def = await hs.crm.associations.v4.basicApi.createDefault('contacts', contact.id, 'companies', company.id);
  assert.equal(def.status, 'COMPLETE');
  const labelled = await hs.crm.associations.v4.basicApi.create('contacts', contact.id, 'companies', company.id,
    [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 1 }]);
  assert.equal(String(labelled.fromObjectId), contact.id);
  assert.equal(String(labelled.toObjectId), company.id);

  const page = await hs.crm.associations.v4.basicApi.getPage('contacts', contact.id, 'companies');
  assert.equal(page.results.length, 1);
  assert.equal(String(page.results[0].toObjectId), company.id);
  const typeIds = page.results[0].associationTypes.map((t) => t.typeId).sort((a, b) => a - b);
  assert.deepEqual(typeIds, [1, 279]);

  const note = await hs.crm.objects.notes.basicApi.create({
    properties: { hs_timestamp: new Date().toISOString(), hs_note_body: 'Met at the fair' },
    associations: [{ to: { id: company.id }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 190 }] }],
  });
  assert.match(note.id, /^\d+$/);
  assert.equal(note.properties.hs_note_body, 'Met at the fair');

  const note2 = await hs.crm.objects.notes.basicApi.create({
    properties: { hs_timestamp: String(Date.now()), hs_note_body: 'Second' },
  });
  await hs.crm.associations.v4.basicApi.create('notes', note2.id, 'companies', company.id,
    [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 190 }]);

  const notesOfCompany = await hs.crm.associations.v4.basicApi.getPage('companies', company.id, 'notes');
  assert.deepEqual(notesOfCompany.results.map((r) => String(r.toObjectId)).sort(), [note.id, note2.id].sort());
  assert.ok(notesOfCompany.results.every((r) => r.associationTypes.some((t) => t.typeId === 189)));

  const withAssoc = await hs.crm.companies.basicApi.getById(company.id, undefined, undefined, ['notes', 'contacts']);
  assert.equal(withAssoc.associations.notes.results.length, 2);
  assert.ok(withAssoc.associations.contacts.results.some((r) => r.id === contact.id));

  await hs.crm.associations.v4.basicApi.archive('contacts', contact.id, 'companies', company.id);
  const after = await hs.crm.associations.v4.basicApi.getPage('contacts', contact.id, 'companies');
  assert.equal(after.results.length, 0);
});

test('errors: validation error is a typed ApiException', async () => {
  await assert.rejects(hs.crm.companies.basicApi.create({ properties: { no_such_property_x: '1' } }), (e) => {
    assert.equal(e.code, 400);
    assert.equal(e.body.category, 'VALIDATION_ERROR');
    assert.ok(e.body.correlationId);
    return true;
  });
});

// The SDK's getAuthorizationUrl hard-codes https://app.hubspot.com (basePath is not used for it); the check keeps
// the SDK's query string and moves it to the sandbox, which serves the authorize page on the API host.
async function authorizationCode(redirectUri) {
  const sdkUrl = new URL(new Client().oauth.getAuthorizationUrl(CLIENT_ID, redirectUri, APP_SCOPES, undefined, 's1'));
  assert.equal(sdkUrl.origin, 'https://app.hubspot.com');
  const url = new URL(`${BASE}${sdkUrl.pathname}${sdkUrl.search}`);
  url.searchParams.set('sandbox_auto_consent', 'true');
  url.searchParams.set('portal_id', String(portal.portalId));
  const r = await fetch(url, { redirect: 'manual' });
  assert.equal(r.status, 302);
  const loc = new URL(r.headers.get('location'));
  assert.equal(`${loc.origin}${loc.pathname}`, redirectUri);
  assert.equal(loc.searchParams.get('state'), 's1');
  return loc.searchParams.get('code');
}

test('oauth: tokens api (authorization_code, refresh_token), access-token info, CRM call with the token', async () => {
  const redirectUri = 'http://localhost:3000/oauth-callback';
  const code = await authorizationCode(redirectUri);
  const anon = new Client({ basePath: BASE });
  const tok = await anon.oauth.tokensApi.create('authorization_code', code, redirectUri, CLIENT_ID, CLIENT_SECRET);
  assert.ok(tok.accessToken);
  assert.ok(tok.refreshToken);
  assert.equal(tok.expiresIn, 1800);
  assert.equal(tok.tokenType, 'bearer');

  const info = await anon.oauth.accessTokensApi.get(tok.accessToken);
  assert.equal(info.hubId, portal.portalId);
  assert.equal(info.appId, APP_ID);
  assert.ok(info.scopes.includes('crm.objects.companies.read'));

  const rt = await anon.oauth.refreshTokensApi.get(tok.refreshToken);
  assert.equal(rt.hubId, portal.portalId);
  assert.equal(rt.clientId, CLIENT_ID);

  const refreshed = await anon.oauth.tokensApi.create('refresh_token', undefined, undefined, CLIENT_ID, CLIENT_SECRET,
    tok.refreshToken);
  assert.ok(refreshed.accessToken);
  assert.notEqual(refreshed.accessToken, tok.accessToken);

  const oauthClient = new Client({ accessToken: refreshed.accessToken, basePath: BASE });
  const c = await oauthClient.crm.companies.basicApi.create({ properties: { name: 'Via OAuth' } });
  assert.match(c.id, /^\d+$/);

  await assert.rejects(anon.oauth.tokensApi.create('authorization_code', code, redirectUri, CLIENT_ID, CLIENT_SECRET),
    (e) => e.code === 400 && e.body.status === 'BAD_AUTH_CODE');
});

test('webhooks: settings/subscriptions via SDK, delivery verified with Signature.isValid v3', async () => {
  const received = [];
  let notify;
  const got = new Promise((resolve) => { notify = resolve; });
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => { body += d; });
    req.on('end', () => {
      received.push({ headers: req.headers, body, url: req.url, method: req.method });
      res.writeHead(200).end();
      notify();
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const targetUrl = `http://127.0.0.1:${server.address().port}/hubspot/webhook?x=1`;
  try {
    const dev = new Client({ developerApiKey: DEV_KEY, basePath: BASE });
    const settings = await dev.webhooks.settingsApi.configure(APP_ID,
      { targetUrl, throttling: { period: 'SECONDLY', maxConcurrentRequests: 5 } });
    assert.equal(settings.targetUrl, targetUrl);
    const sub = await dev.webhooks.subscriptionsApi.create(APP_ID, { eventType: 'company.creation', active: true });
    assert.ok(sub.id);
    assert.equal(sub.active, true);
    const list = await dev.webhooks.subscriptionsApi.getAll(APP_ID);
    assert.ok(list.results.some((s) => s.id === sub.id));

    const company = await hs.crm.companies.basicApi.create({ properties: { name: 'Hooked' } });
    const timer = setTimeout(() => notify(), 10000);
    await got;
    clearTimeout(timer);
    assert.ok(received.length >= 1, 'a webhook arrived');
    const w = received[0];
    const events = JSON.parse(w.body);
    assert.ok(events.some((e) => String(e.objectId) === company.id && e.subscriptionType === 'company.creation'));
    const valid = Signature.isValid({
      signatureVersion: 'v3', signature: w.headers['x-hubspot-signature-v3'], method: w.method,
      clientSecret: CLIENT_SECRET, requestBody: w.body, url: targetUrl,
      timestamp: Number(w.headers['x-hubspot-request-timestamp']),
    });
    assert.equal(valid, true, 'v3 signature verifies');
    // SDK signature is archive(subscriptionId, appId) (note the order).
    await dev.webhooks.subscriptionsApi.archive(sub.id, APP_ID);
  } finally {
    server.close();
  }
});

