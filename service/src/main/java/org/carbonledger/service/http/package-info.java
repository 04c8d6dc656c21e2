/**
 * How the API answers: request bodies read with the ledger's strict JSON parser
 * ({@link org.carbonledger.service.http.Bodies}), the {@code X-Read-Model} header, and every error as an RFC 9457
 * problem ({@link org.carbonledger.service.http.Problem}).
 *
 * <p>Errors become problems here and nowhere else: {@link org.carbonledger.service.http.ErrorCodeStatus} is the one
 * table from ledger {@code ErrorCode}s to statuses, {@link org.carbonledger.service.http.Problems} builds the problem
 * of a core rule failure, of a ledger failure or refusal, and of anything Micronaut itself refuses, and the exception
 * handlers answer them. Controllers throw {@link org.carbonledger.service.http.ProblemException} only for what they
 * check themselves (query parameters, pages, missing objects of the read model).
 */
package org.carbonledger.service.http;
