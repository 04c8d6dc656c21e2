/**
 * Signed disclosure of a sealed batch's private records to a named party: a proof bundle plus an envelope signed with
 * the owner's Fabric client identity, verifiable offline against a trust store of member CA certificates. One
 * implementation, used by the CLI that signs and by every verifier.
 */
package org.carbonledger.core.disclosure;
