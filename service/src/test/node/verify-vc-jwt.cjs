// Verifies a credential secured as a VC-JOSE-COSE JWT with @transmute/verifiable-credentials, resolving the key the
// way a did:web verifier does: the header's kid must be a verification method of the issuer's DID document.
// Usage: node verify-vc-jwt.cjs MODULE_DIR JWT_FILE DID_DOCUMENT_FILE
// Prints the verified credential as JSON and exits 0, or prints why not and exits 1.
'use strict';
const fs = require('fs');
const path = require('path');

const [moduleDir, jwtFile, didFile] = process.argv.slice(2);
const transmute = require(path.join(moduleDir, 'node_modules', '@transmute', 'verifiable-credentials'));
const jwt = fs.readFileSync(jwtFile, 'utf8').trim();
const did = JSON.parse(fs.readFileSync(didFile, 'utf8'));

const header = JSON.parse(Buffer.from(jwt.split('.')[0], 'base64url').toString('utf8'));

const resolver = {
  resolve: async ({ purpose }) => {
    if (purpose !== 'verification-material') {
      throw new Error('only verification material is resolved here');
    }
    const method = (did.verificationMethod || []).find((m) => m.id === header.kid);
    if (!method || method.controller !== did.id || !(did.assertionMethod || []).includes(method.id)) {
      throw new Error('the DID document ' + did.id + ' lists no assertion method ' + header.kid);
    }
    // The DID document's JWK does not name its algorithm; the protected header does (ES256 for P-256).
    const jwk = { ...method.publicKeyJwk, alg: header.alg };
    return { type: 'application/jwk+json', content: transmute.text.encoder.encode(JSON.stringify(jwk)) };
  },
};

transmute
  .verifier({ resolver })
  .verify({ type: 'application/vc-ld+jwt', content: transmute.text.encoder.encode(jwt) })
  .then((credential) => {
    if (!credential.issuer || credential.issuer.id !== did.id) {
      throw new Error('the credential is issued by ' + JSON.stringify(credential.issuer) + ', not ' + did.id);
    }
    process.stdout.write(JSON.stringify(credential) + '\n');
  })
  .catch((e) => {
    process.stdout.write('NOT VERIFIED: ' + e.message + '\n');
    process.exitCode = 1;
  });
