// This file is generated from specs/ica/openapi.yaml by `pnpm generate` (tooling/codegen).
// Do not edit it by hand: change the spec and run `pnpm generate` again.

/** The bundled ica spec. */
export const icaSpec: Readonly<Record<string, unknown>> = {
  "openapi": "3.1.0",
  "info": {
    "title": "Illumina Connected Analytics (ICA) token API",
    "version": "3",
    "summary": "Mint and refresh the JWTs that authorise calls to the ICA v2 REST API.",
    "description": "A hand-written description of the two token operations of the Illumina Connected Analytics\nREST API (now marketed as Illumina BioInsight Platform Core). It covers only what the idclients\npackages need: turning an API key, an e-mail/password pair or a psToken into a JWT, and\nextending the life of a JWT that has not yet expired.\n\nHow long a JWT lives is set per tenant by an administrator, and the token response does not\nstate it; read the standard `exp` claim of the JWT instead. Exchanging an API key for a JWT once\nand reusing the JWT is cheaper for the service than sending the key on every call, because each\nkey-authenticated call makes ICA fetch a JWT from the Illumina identity provider behind the\nscenes.\n\nContent negotiation: ICA versions its endpoints through the `Accept` header. Clients should send\n`Accept: application/vnd.illumina.v3+json`. Successful bodies come back with that media type and\nfailures as RFC 7807 documents in `application/problem+json`. When the request carries\n`Accept-Encoding: gzip`, JSON bodies may be gzip-compressed (with `Content-Encoding: gzip`).\n\nNo request quota or rate-limit headers are documented for these endpoints.\n",
    "license": {
      "name": "MIT",
      "identifier": "MIT"
    }
  },
  "servers": [
    {
      "url": "https://ica.illumina.com/ica/rest",
      "description": "Production. One API host serves every ICA region (AU, CA, EU, IN, ID, IL, JP, SG, KR, GB, AE, US); only the storage buckets behind it are regional."
    }
  ],
  "tags": [
    {
      "name": "Token",
      "description": "Obtain a JWT for the ICA REST API and prolong one that is still valid."
    }
  ],
  "paths": {
    "/api/tokens": {
      "post": {
        "operationId": "createJwtToken",
        "tags": [
          "Token"
        ],
        "summary": "Mint a JWT from an API key, a username/password pair or a psToken",
        "description": "Exchanges one credential for a JWT that can then be sent as `Authorization: Bearer <jwt>`\nto the rest of the API. Pick exactly one credential: an API key in `X-API-Key`, HTTP Basic\nwith the account's e-mail address and password, or a psToken as a bearer token.\n\nThe request has no body. Send `Accept: application/vnd.illumina.v3+json`: ICA picks the\nendpoint version from this header and answers a request whose only acceptable type is\n`application/problem+json` with a 400 (\"Invalid Accept Header\") instead of a token.\n\nBasic authentication is refused for tenants that sign in through SSO. A person with\naccounts in several tenants who uses Basic authentication should name the wanted tenant\nin `tenant`.\n\nA JWT obtained here from an API key cannot be refreshed later; mint a new one with the\nkey when it nears expiry.\n",
        "security": [
          {
            "ApiKeyAuth": []
          },
          {
            "BasicAuth": []
          },
          {
            "PsTokenAuth": []
          }
        ],
        "parameters": [
          {
            "name": "tenant",
            "in": "query",
            "required": false,
            "description": "Which tenant to sign in to, for users who belong to more than one. Mainly useful with Basic authentication, where one e-mail address can map to several tenants.",
            "schema": {
              "type": [
                "string",
                "null"
              ]
            },
            "example": "my-lab-tenant"
          }
        ],
        "responses": {
          "200": {
            "description": "A new JWT was issued.",
            "content": {
              "application/vnd.illumina.v3+json": {
                "schema": {
                  "$ref": "#/components/schemas/Token"
                },
                "examples": {
                  "minted": {
                    "summary": "Freshly minted JWT",
                    "value": {
                      "token": "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyLWFiYzEyMyIsImV4cCI6NDEwMjQ0NDgwMH0.ZmFrZS1zaWduYXR1cmU"
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedProblem"
          }
        }
      }
    },
    "/api/tokens:refresh": {
      "post": {
        "operationId": "refreshJwtToken",
        "tags": [
          "Token"
        ],
        "summary": "Prolong a JWT that has not expired yet",
        "description": "Takes the current JWT as a bearer token and answers with a JWT whose validity is extended.\nThe JWT must still be valid when this is called. JWTs that were minted from an API key\ncannot be refreshed this way and are rejected; callers holding an API key should call\n`createJwtToken` again instead. Only JWTs obtained with Basic authentication or a psToken\nqualify.\n\nThe request has no body. As with minting, send\n`Accept: application/vnd.illumina.v3+json`; an `Accept` that lists only\n`application/problem+json` makes ICA reply 400 (\"Invalid Accept Header\").\n",
        "security": [
          {
            "JwtAuth": []
          }
        ],
        "responses": {
          "200": {
            "description": "The JWT was refreshed; the body carries the token to use from now on.",
            "content": {
              "application/vnd.illumina.v3+json": {
                "schema": {
                  "$ref": "#/components/schemas/Token"
                },
                "examples": {
                  "refreshed": {
                    "summary": "JWT with a later expiry",
                    "value": {
                      "token": "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyLWFiYzEyMyIsImV4cCI6NDEwMjQ0ODQwMH0.ZmFrZS1zaWduYXR1cmUtMg"
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "default": {
            "$ref": "#/components/responses/UnexpectedProblem"
          }
        }
      }
    }
  },
  "components": {
    "securitySchemes": {
      "ApiKeyAuth": {
        "type": "apiKey",
        "in": "header",
        "name": "X-API-Key",
        "description": "A personal ICA API key, created under \"Manage API Keys\" in the domain's login portal. Each user may hold at most ten keys."
      },
      "BasicAuth": {
        "type": "http",
        "scheme": "basic",
        "description": "The account's e-mail address and password as HTTP Basic credentials. Only accepted by `createJwtToken`, and not for tenants that use SSO."
      },
      "PsTokenAuth": {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "psToken",
        "description": "An Illumina platform psToken, sent as `Authorization: Bearer <psToken>`. ICA does not document how to obtain one."
      },
      "JwtAuth": {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "JWT",
        "description": "A JWT issued by `createJwtToken` (or a previous refresh), sent as `Authorization: Bearer <jwt>`."
      }
    },
    "responses": {
      "BadRequest": {
        "description": "The request was not acceptable, for example because its `Accept` header did not allow `application/vnd.illumina.v3+json`.",
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            },
            "examples": {
              "invalidAccept": {
                "summary": "Accept header without the vendor media type",
                "value": {
                  "type": "about:blank",
                  "title": "ICA_API_004",
                  "status": 400,
                  "detail": "Invalid Accept Header",
                  "instance": "http://ica.illumina.com/ica/rest/api/tokens",
                  "parameters": {},
                  "timestamp": "2024-01-01T12:00:00.000Z",
                  "method": "POST"
                }
              }
            }
          }
        }
      },
      "Unauthorized": {
        "description": "The credential was missing, malformed, unknown, revoked or expired.",
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            },
            "examples": {
              "badCredential": {
                "summary": "Credential not accepted (illustrative values)",
                "value": {
                  "id": "0b7c1a52-3f4e-4d7a-9c2b-000000000001",
                  "type": "about:blank",
                  "title": "ICA_EXAMPLE_401",
                  "status": 401,
                  "detail": "The supplied credential could not be verified.",
                  "instance": "http://ica.illumina.com/ica/rest/api/tokens",
                  "parameters": {},
                  "timestamp": "2024-01-01T12:00:00.000Z"
                }
              }
            }
          }
        }
      },
      "Forbidden": {
        "description": "The credential was recognised but may not be used for this call (for example Basic authentication on an SSO tenant, or refreshing a JWT minted from an API key).",
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            },
            "examples": {
              "notAllowed": {
                "summary": "Credential recognised but refused (illustrative values)",
                "value": {
                  "id": "0b7c1a52-3f4e-4d7a-9c2b-000000000002",
                  "type": "about:blank",
                  "title": "ICA_EXAMPLE_403",
                  "status": 403,
                  "detail": "This token cannot be refreshed.",
                  "instance": "http://ica.illumina.com/ica/rest/api/tokens:refresh",
                  "parameters": {},
                  "timestamp": "2024-01-01T12:00:00.000Z"
                }
              }
            }
          }
        }
      },
      "UnexpectedProblem": {
        "description": "Any other failure, including server-side errors (5xx). The body's `status` repeats the HTTP status code.",
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            },
            "examples": {
              "serverError": {
                "summary": "Internal failure (illustrative values)",
                "value": {
                  "id": "0b7c1a52-3f4e-4d7a-9c2b-000000000003",
                  "type": "about:blank",
                  "title": "ICA_EXAMPLE_500",
                  "status": 500,
                  "detail": "An unexpected error occurred while handling the request.",
                  "instance": "http://ica.illumina.com/ica/rest/api/tokens",
                  "parameters": {},
                  "timestamp": "2024-01-01T12:00:00.000Z"
                }
              }
            }
          }
        }
      }
    },
    "schemas": {
      "Token": {
        "type": "object",
        "description": "The body of a successful mint or refresh. Only the JWT itself is returned; its lifetime is in the token's `exp` claim. ICA's own schema lists `token` without marking it required, but a successful answer carries it: it is the only field the operations return, and the known hand-written clients read `token` from every 200 body. It is required here so that callers get a `string`; a 200 without it is a broken answer, not an optional case.",
        "required": [
          "token"
        ],
        "properties": {
          "token": {
            "x-secret": true,
            "type": "string",
            "readOnly": true,
            "description": "The JWT to send as `Authorization: Bearer <token>` on later calls.",
            "examples": [
              "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyLWFiYzEyMyJ9.ZmFrZS1zaWduYXR1cmU"
            ]
          }
        }
      },
      "Problem": {
        "type": "object",
        "description": "An RFC 7807 problem document as ICA returns it. ICA puts its own error code (such as `ICA_API_004`) in `title` and the human-readable message in `detail`. Bodies may carry keys that are not listed here, so unknown keys must be tolerated.",
        "additionalProperties": true,
        "required": [
          "type",
          "title",
          "status",
          "parameters",
          "timestamp"
        ],
        "properties": {
          "id": {
            "type": "string",
            "format": "uuid",
            "readOnly": true,
            "description": "ICA's identifier for this occurrence of the problem (not part of RFC 7807)."
          },
          "type": {
            "type": "string",
            "format": "uri",
            "description": "URI naming the kind of problem; `about:blank` when ICA gives no specific kind."
          },
          "title": {
            "type": "string",
            "description": "Short label of the problem kind; for ICA this is usually an error code."
          },
          "status": {
            "type": "integer",
            "format": "int32",
            "description": "The HTTP status code of the response, repeated in the body."
          },
          "detail": {
            "type": "string",
            "description": "Human-readable explanation of what went wrong in this request."
          },
          "instance": {
            "type": "string",
            "format": "uri",
            "description": "URI of the request that failed."
          },
          "parameters": {
            "type": "object",
            "description": "Extra details keyed by name, for instance which request field failed validation (an ICA addition to RFC 7807). Often empty.",
            "additionalProperties": {
              "type": "string"
            }
          },
          "timestamp": {
            "type": "string",
            "format": "date-time",
            "readOnly": true,
            "description": "When ICA produced the problem (an ICA addition to RFC 7807)."
          },
          "method": {
            "type": "string",
            "description": "HTTP method of the failed request. Seen in real ICA error bodies although ICA's own schema does not list it.",
            "examples": [
              "POST"
            ]
          }
        }
      }
    }
  }
};
