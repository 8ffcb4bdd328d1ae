// Package fetch turns an identifier into a reference: a DOI through DOI
// content negotiation (CSL-JSON from the registration agency), an ISBN
// through the Open Library Books API, an arXiv id through the arXiv API.
//
// It is the only package of cite that uses the network, and only when
// asked to fetch an identifier. The base URLs of the services are fields
// of Client (cite add fills them from CITE_DOI_RESOLVER, CITE_ISBN_SERVICE
// and CITE_ARXIV_API), so tests run against local httptest servers with
// recorded responses. Every failure (a timeout, an HTTP error, "not found",
// a response that is not what the service documents) is an *Error whose
// message is one line.
//
// Parse recognises the identifiers and checks them first (a DOI's form, an
// ISBN's check digit), so that a malformed one never reaches the network.
package fetch
