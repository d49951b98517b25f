// Runs graphql-http's server audits (the GraphQL-over-HTTP spec's MUSTs, SHOULDs and MAYs)
// against AUDIT_URL. The endpoint sits behind a JWT authorizer, so every request the audits
// send carries AUDIT_TOKEN. Prints each audit that did not pass, then one line:
// AUDIT {"MUST":{"ok":n,"total":n},"SHOULD":{...},"MAY":{...}}
import { auditServer } from 'graphql-http';

const url = process.env.AUDIT_URL;
const token = process.env.AUDIT_TOKEN;

const fetchFn = (input, init = {}) => {
  const headers = new Headers(init.headers);
  headers.set('authorization', 'Bearer ' + token);
  return fetch(input, { ...init, headers });
};

const results = await auditServer({ url, fetchFn });
const counts = {};
for (const result of results) {
  const level = result.name.split(' ')[0];
  counts[level] ??= { ok: 0, total: 0 };
  counts[level].total++;
  if (result.status === 'ok') {
    counts[level].ok++;
  } else {
    console.log(`${result.status} ${result.id} ${result.name}: ${result.reason}`);
  }
}
console.log('AUDIT ' + JSON.stringify(counts));
