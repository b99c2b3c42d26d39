// This file is generated from specs/infisical/openapi.yaml by `pnpm generate` (tooling/codegen).
// Do not edit it by hand: change the spec and run `pnpm generate` again.

/** The bundled infisical spec. */
export const infisicalSpec: Readonly<Record<string, unknown>> = {
  "openapi": "3.1.0",
  "info": {
    "title": "Infisical JWT Auth API",
    "version": "1.0.0",
    "summary": "Machine identity JWT Auth endpoints of the Infisical REST API.",
    "description": "Hand-written description of the five Infisical REST endpoints that deal with\nJWT Auth for machine identities.\n\n* One public endpoint trades a JWT issued by your own identity provider (a CI\n  system, a workload identity service, and so on) for a short-lived Infisical\n  access token.\n* Four protected endpoints let an administrator attach, read, change and remove\n  the JWT Auth configuration of a machine identity.\n\nThe configuration tells Infisical how to check incoming JWTs. Signatures are\nchecked either against keys fetched from a JWKS endpoint (`jwks`) or against a\nfixed list of PEM public keys (`static`). Then the optional bindings (issuer,\nsubject, audiences, claims) are compared with the token payload. Subject,\naudience and claim bindings accept glob patterns.\n\nEvery failure is returned as a JSON envelope with `reqId`, `statusCode`,\n`message` and `error`. Request validation failures (HTTP 422) usually carry a\nlist of issues in `message` instead of a sentence.\n\nRate limits are per client IP address over a 60-second window. They are\nenforced on Infisical Cloud only. A self-hosted instance does not rate-limit\nrequests unless its operator sets that up.\n",
    "license": {
      "name": "MIT",
      "identifier": "MIT"
    }
  },
  "servers": [
    {
      "url": "https://us.infisical.com",
      "description": "Infisical Cloud, US region. The older host app.infisical.com serves the same API."
    },
    {
      "url": "https://eu.infisical.com",
      "description": "Infisical Cloud, EU region."
    },
    {
      "url": "{baseUrl}",
      "description": "A self-hosted or dedicated Infisical instance.",
      "variables": {
        "baseUrl": {
          "default": "http://localhost:8080",
          "description": "Origin of your instance: scheme, host and optional port, with no trailing slash and without the `/api` suffix, because every path below already starts with `/api`."
        }
      }
    }
  ],
  "tags": [
    {
      "name": "JWT Auth",
      "description": "Log machine identities in with externally issued JWTs, and manage the JWT Auth configuration attached to each identity."
    }
  ],
  "paths": {
    "/api/v1/auth/jwt-auth/login": {
      "post": {
        "operationId": "loginWithJwtAuth",
        "summary": "Log in with a JWT",
        "description": "Exchanges a JWT from your own identity provider for an Infisical access token\nfor the given machine identity. No `Authorization` header is needed.\n\nInfisical checks the JWT signature using the identity's JWT Auth configuration\n(JWKS endpoint or static public keys). Then it checks every binding that is not\nempty: `iss` must equal the bound issuer, `sub` must match the bound subject,\n`aud` must match one of the bound audiences, and each bound claim must match\none of its allowed values. If the login succeeds, Infisical issues a new access\ntoken that uses the TTL, max TTL and use limit from the configuration.\n\nThis endpoint also accepts the same fields as an\n`application/x-www-form-urlencoded` form.\n",
        "tags": [
          "JWT Auth"
        ],
        "security": [],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/JwtAuthLoginRequest"
              },
              "examples": {
                "login": {
                  "summary": "Log in with the identity's default organization",
                  "value": {
                    "identityId": "7d0c4f3e-2b8a-4c61-9e0f-5a1b2c3d4e5f",
                    "jwt": "eyJhbGciOiJSUzI1NiIsImtpZCI6ImZha2Uta2V5In0.eyJpc3MiOiJodHRwczovL2lzc3Vlci5leGFtcGxlLmNvbSJ9.ZmFrZS1zaWduYXR1cmU"
                  }
                },
                "loginScoped": {
                  "summary": "Log in scoped to a sub-organization",
                  "value": {
                    "identityId": "7d0c4f3e-2b8a-4c61-9e0f-5a1b2c3d4e5f",
                    "jwt": "eyJhbGciOiJSUzI1NiIsImtpZCI6ImZha2Uta2V5In0.eyJpc3MiOiJodHRwczovL2lzc3Vlci5leGFtcGxlLmNvbSJ9.ZmFrZS1zaWduYXR1cmU",
                    "organizationSlug": "acme-platform"
                  }
                }
              }
            },
            "application/x-www-form-urlencoded": {
              "schema": {
                "$ref": "#/components/schemas/JwtAuthLoginRequest"
              },
              "examples": {
                "loginForm": {
                  "summary": "The same login sent as a form",
                  "value": {
                    "identityId": "7d0c4f3e-2b8a-4c61-9e0f-5a1b2c3d4e5f",
                    "jwt": "eyJhbGciOiJSUzI1NiIsImtpZCI6ImZha2Uta2V5In0.eyJpc3MiOiJodHRwczovL2lzc3Vlci5leGFtcGxlLmNvbSJ9.ZmFrZS1zaWduYXR1cmU"
                  }
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The JWT was accepted and an Infisical access token was issued.",
            "headers": {
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/JwtAuthLoginResponse"
                },
                "examples": {
                  "issued": {
                    "summary": "Token valid for one hour, renewable up to one day",
                    "value": {
                      "accessToken": "eyJhbGciOiJIUzI1NiJ9.eyJpZGVudGl0eUlkIjoiZmFrZSJ9.bm90LWEtcmVhbC10b2tlbg",
                      "expiresIn": 3600,
                      "accessTokenMaxTTL": 86400,
                      "tokenType": "Bearer"
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
            "$ref": "#/components/responses/LoginUnauthorized"
          },
          "403": {
            "$ref": "#/components/responses/LoginForbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "500": {
            "$ref": "#/components/responses/InternalServerError"
          }
        }
      }
    },
    "/api/v1/auth/jwt-auth/identities/{identityId}": {
      "parameters": [
        {
          "$ref": "#/components/parameters/IdentityId"
        }
      ],
      "post": {
        "operationId": "attachJwtAuth",
        "summary": "Attach JWT Auth to a machine identity",
        "description": "Adds a JWT Auth configuration to a machine identity that does not have one\nyet. After this call the identity can log in with\n`POST /api/v1/auth/jwt-auth/login`.\n\nThe body is one of two shapes, selected by `configurationType`:\n`jwks` needs `jwksUrl`, and `static` needs at least one entry in `publicKeys`.\n`boundClaims` is required here (send `{}` for no claim checks). Any other\nfield you leave out takes the default shown in the schema.\n\nErrors you may see:\n* 400 if the identity already has JWT Auth.\n* 400 if `accessTokenTTL` is larger than a non-zero `accessTokenMaxTTL`.\n* 400 if `jwksUrl` points at a local or private address.\n* 400 if the organization's plan does not allow IP restrictions and\n  `accessTokenTrustedIps` holds anything other than `0.0.0.0/0` or `::/0`.\n\nThe caller needs permission to create identities.\n",
        "tags": [
          "JWT Auth"
        ],
        "security": [
          {
            "bearerAuth": []
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/AttachJwtAuthRequest"
              },
              "examples": {
                "jwks": {
                  "summary": "Verify tokens with a JWKS endpoint and bind issuer, audience and a claim",
                  "value": {
                    "configurationType": "jwks",
                    "jwksUrl": "https://issuer.example.com/.well-known/jwks.json",
                    "boundIssuer": "https://issuer.example.com",
                    "boundAudiences": "infisical, infisical-staging",
                    "boundClaims": {
                      "repository": "acme/web-app, acme/api-*"
                    },
                    "boundSubject": "repo:acme/*",
                    "accessTokenTTL": 3600,
                    "accessTokenMaxTTL": 86400,
                    "accessTokenNumUsesLimit": 0
                  }
                },
                "static": {
                  "summary": "Verify tokens with one fixed public key and default token settings",
                  "value": {
                    "configurationType": "static",
                    "publicKeys": [
                      "-----BEGIN PUBLIC KEY-----\nRkFLRS1LRVktRk9SLURPQ1MtT05MWS1GQUtFLUtFWS1GT1ItRE9DUy1PTkxZ\n-----END PUBLIC KEY-----\n"
                    ],
                    "boundClaims": {}
                  }
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "JWT Auth is now attached. The stored configuration is returned.",
            "headers": {
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/IdentityJwtAuthEnvelope"
                },
                "examples": {
                  "attached": {
                    "summary": "A JWKS configuration after attach",
                    "value": {
                      "identityJwtAuth": {
                        "id": "2f6e8a10-93c4-4d7b-a1e2-0b9c8d7e6f51",
                        "identityId": "7d0c4f3e-2b8a-4c61-9e0f-5a1b2c3d4e5f",
                        "configurationType": "jwks",
                        "jwksUrl": "https://issuer.example.com/.well-known/jwks.json",
                        "jwksCaCert": "",
                        "publicKeys": [],
                        "boundIssuer": "https://issuer.example.com",
                        "boundAudiences": "infisical, infisical-staging",
                        "boundClaims": {
                          "repository": "acme/web-app, acme/api-*"
                        },
                        "boundSubject": "repo:acme/*",
                        "accessTokenTTL": 3600,
                        "accessTokenMaxTTL": 86400,
                        "accessTokenNumUsesLimit": 0,
                        "accessTokenPeriod": 0,
                        "accessTokenTrustedIps": [
                          {
                            "ipAddress": "0.0.0.0",
                            "type": "ipv4",
                            "prefix": 0
                          },
                          {
                            "ipAddress": "::",
                            "type": "ipv6",
                            "prefix": 0
                          }
                        ],
                        "createdAt": "2025-03-14T09:26:53.000Z",
                        "updatedAt": "2025-03-14T09:26:53.000Z"
                      }
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
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "500": {
            "$ref": "#/components/responses/InternalServerError"
          }
        }
      },
      "get": {
        "operationId": "getJwtAuth",
        "summary": "Get the JWT Auth configuration of a machine identity",
        "description": "Returns the JWT Auth configuration attached to a machine identity. The CA\ncertificate and public keys are returned decrypted.\n\nIf the identity has no JWT Auth attached, the server answers 400 (not 404).\nThe caller needs permission to read identities.\n",
        "tags": [
          "JWT Auth"
        ],
        "security": [
          {
            "bearerAuth": []
          }
        ],
        "responses": {
          "200": {
            "description": "The current JWT Auth configuration.",
            "headers": {
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/IdentityJwtAuthEnvelope"
                },
                "examples": {
                  "staticConfig": {
                    "summary": "A static-key configuration restricted to one CIDR range",
                    "value": {
                      "identityJwtAuth": {
                        "id": "5b1d9c22-7e4f-4a08-b3c6-e2f1a0d9c8b7",
                        "identityId": "7d0c4f3e-2b8a-4c61-9e0f-5a1b2c3d4e5f",
                        "configurationType": "static",
                        "jwksUrl": "",
                        "jwksCaCert": "",
                        "publicKeys": [
                          "-----BEGIN PUBLIC KEY-----\nRkFLRS1LRVktRk9SLURPQ1MtT05MWS1GQUtFLUtFWS1GT1ItRE9DUy1PTkxZ\n-----END PUBLIC KEY-----\n"
                        ],
                        "boundIssuer": "",
                        "boundAudiences": "",
                        "boundClaims": {},
                        "boundSubject": "",
                        "accessTokenTTL": 2592000,
                        "accessTokenMaxTTL": 2592000,
                        "accessTokenNumUsesLimit": 0,
                        "accessTokenPeriod": 0,
                        "accessTokenTrustedIps": [
                          {
                            "ipAddress": "203.0.113.0",
                            "type": "ipv4",
                            "prefix": 24
                          }
                        ],
                        "createdAt": "2025-01-08T16:02:11.000Z",
                        "updatedAt": "2025-02-20T11:45:37.000Z"
                      }
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
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "500": {
            "$ref": "#/components/responses/InternalServerError"
          }
        }
      },
      "patch": {
        "operationId": "updateJwtAuth",
        "summary": "Update the JWT Auth configuration of a machine identity",
        "description": "Changes the JWT Auth configuration of a machine identity that already has one.\nIf it has none, the server answers 400.\n\n`configurationType` is required, and so is the field that branch needs\n(`jwksUrl` for `jwks`, `publicKeys` for `static`).\n\n**Send the complete configuration every time.**\n* Branch fields you leave out are reset: a `jwks` update without `jwksCaCert`\n  clears the stored CA certificate.\n* Other fields you leave out are kept as they are today. Infisical may change\n  that on future server versions.\n\nThe TTL rule and the IP-restriction plan rule from attach apply here too.\nRepeating the same request leaves the configuration unchanged. The caller\nneeds permission to edit identities.\n",
        "tags": [
          "JWT Auth"
        ],
        "x-idempotent": true,
        "security": [
          {
            "bearerAuth": []
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/UpdateJwtAuthRequest"
              },
              "examples": {
                "rotateJwks": {
                  "summary": "Full JWKS configuration with a private CA and a tighter audience",
                  "value": {
                    "configurationType": "jwks",
                    "jwksUrl": "https://issuer.example.com/.well-known/jwks.json",
                    "jwksCaCert": "-----BEGIN CERTIFICATE-----\nRkFLRS1DQS1GT1ItRE9DUy1PTkxZLUZBS0UtQ0EtRk9SLURPQ1MtT05MWQ==\n-----END CERTIFICATE-----\n",
                    "boundIssuer": "https://issuer.example.com",
                    "boundAudiences": "infisical",
                    "boundClaims": {
                      "repository": "acme/web-app",
                      "environment": "prod*"
                    },
                    "boundSubject": "repo:acme/web-app:*",
                    "accessTokenTrustedIps": [
                      {
                        "ipAddress": "198.51.100.0/24"
                      },
                      {
                        "ipAddress": "2001:db8::/32"
                      }
                    ],
                    "accessTokenTTL": 900,
                    "accessTokenMaxTTL": 3600,
                    "accessTokenNumUsesLimit": 10
                  }
                },
                "switchToStatic": {
                  "summary": "Switch to a static key and keep the remaining settings unchanged",
                  "value": {
                    "configurationType": "static",
                    "publicKeys": [
                      "-----BEGIN PUBLIC KEY-----\nRkFLRS1LRVktRk9SLURPQ1MtT05MWS1GQUtFLUtFWS1GT1ItRE9DUy1PTkxZ\n-----END PUBLIC KEY-----\n"
                    ]
                  }
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The configuration was updated. The stored result is returned.",
            "headers": {
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/IdentityJwtAuthEnvelope"
                },
                "examples": {
                  "updated": {
                    "summary": "The configuration after the JWKS update",
                    "value": {
                      "identityJwtAuth": {
                        "id": "2f6e8a10-93c4-4d7b-a1e2-0b9c8d7e6f51",
                        "identityId": "7d0c4f3e-2b8a-4c61-9e0f-5a1b2c3d4e5f",
                        "configurationType": "jwks",
                        "jwksUrl": "https://issuer.example.com/.well-known/jwks.json",
                        "jwksCaCert": "-----BEGIN CERTIFICATE-----\nRkFLRS1DQS1GT1ItRE9DUy1PTkxZLUZBS0UtQ0EtRk9SLURPQ1MtT05MWQ==\n-----END CERTIFICATE-----\n",
                        "publicKeys": [
                          ""
                        ],
                        "boundIssuer": "https://issuer.example.com",
                        "boundAudiences": "infisical",
                        "boundClaims": {
                          "repository": "acme/web-app",
                          "environment": "prod*"
                        },
                        "boundSubject": "repo:acme/web-app:*",
                        "accessTokenTTL": 900,
                        "accessTokenMaxTTL": 3600,
                        "accessTokenNumUsesLimit": 10,
                        "accessTokenPeriod": 0,
                        "accessTokenTrustedIps": [
                          {
                            "ipAddress": "198.51.100.0",
                            "type": "ipv4",
                            "prefix": 24
                          },
                          {
                            "ipAddress": "2001:db8::",
                            "type": "ipv6",
                            "prefix": 32
                          }
                        ],
                        "createdAt": "2025-03-14T09:26:53.000Z",
                        "updatedAt": "2025-04-02T13:10:05.000Z"
                      }
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
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "500": {
            "$ref": "#/components/responses/InternalServerError"
          }
        }
      },
      "delete": {
        "operationId": "deleteJwtAuth",
        "summary": "Revoke JWT Auth from a machine identity",
        "description": "Removes the JWT Auth configuration from a machine identity. It also revokes\nevery access token the identity obtained through JWT Auth login. The response\ncontains the removed configuration, without the CA certificate and the public\nkeys.\n\nA second identical call finds nothing to remove and answers 400. The state\nstays the same, so the call is safe to retry.\n\nThe caller needs permission to edit the organization's identities. The caller\nmust also hold at least the privileges of the target identity; otherwise the\nserver answers 403 `PermissionBoundaryError`.\n\nDo not send a `Content-Type: application/json` header without a body. The\nserver answers such a request with 500.\n",
        "tags": [
          "JWT Auth"
        ],
        "x-idempotent": true,
        "security": [
          {
            "bearerAuth": []
          }
        ],
        "responses": {
          "200": {
            "description": "JWT Auth was removed. The removed configuration is returned.",
            "headers": {
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/DeletedIdentityJwtAuthEnvelope"
                },
                "examples": {
                  "revoked": {
                    "summary": "The removed configuration",
                    "value": {
                      "identityJwtAuth": {
                        "id": "2f6e8a10-93c4-4d7b-a1e2-0b9c8d7e6f51",
                        "identityId": "7d0c4f3e-2b8a-4c61-9e0f-5a1b2c3d4e5f",
                        "configurationType": "jwks",
                        "jwksUrl": "https://issuer.example.com/.well-known/jwks.json",
                        "boundIssuer": "https://issuer.example.com",
                        "boundAudiences": "infisical",
                        "boundClaims": {
                          "repository": "acme/web-app"
                        },
                        "boundSubject": "repo:acme/web-app:*",
                        "accessTokenTTL": 900,
                        "accessTokenMaxTTL": 3600,
                        "accessTokenNumUsesLimit": 10,
                        "accessTokenPeriod": 0,
                        "accessTokenTrustedIps": [
                          {
                            "ipAddress": "0.0.0.0",
                            "type": "ipv4",
                            "prefix": 0
                          }
                        ],
                        "createdAt": "2025-03-14T09:26:53.000Z",
                        "updatedAt": "2025-04-02T13:10:05.000Z"
                      }
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
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "500": {
            "$ref": "#/components/responses/InternalServerError"
          }
        }
      }
    }
  },
  "components": {
    "securitySchemes": {
      "bearerAuth": {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "JWT",
        "description": "An Infisical-issued token in `Authorization: Bearer <token>`. The server accepts a user session token or a machine identity access token (for example one obtained from `loginWithJwtAuth`). It does not accept service tokens or API keys on these routes. If the header is missing, the answer is 401. If the token is expired, malformed or badly signed, the answer is 403 with `error` set to `TokenError`."
      }
    },
    "parameters": {
      "IdentityId": {
        "name": "identityId",
        "in": "path",
        "required": true,
        "description": "ID of the machine identity whose JWT Auth configuration is targeted. Identity IDs are UUIDs, but the server does not check the format before looking the identity up.",
        "schema": {
          "type": "string"
        },
        "example": "7d0c4f3e-2b8a-4c61-9e0f-5a1b2c3d4e5f"
      }
    },
    "headers": {
      "X-RateLimit-Limit": {
        "description": "How many requests your client IP may make to this class of endpoint (read or write) in the current 60-second window. Only Infisical Cloud sends it. A self-hosted instance without rate limiting leaves it out.",
        "schema": {
          "type": "integer",
          "minimum": 0
        },
        "example": 200
      },
      "X-RateLimit-Remaining": {
        "description": "How many more requests your client IP may make in the current 60-second window before it gets 429. Only Infisical Cloud sends it.",
        "schema": {
          "type": "integer",
          "minimum": 0
        },
        "example": 187
      },
      "X-RateLimit-Reset": {
        "description": "Seconds left until the current rate-limit window ends and the counter starts again. This is a relative number of seconds, not an epoch timestamp. Only Infisical Cloud sends it.",
        "schema": {
          "type": "integer",
          "minimum": 0
        },
        "example": 42
      },
      "Retry-After": {
        "description": "Sent with 429 only: how many seconds to wait before trying again (an integer count of seconds, not an HTTP date). The same number appears in the error message.",
        "schema": {
          "type": "integer",
          "minimum": 0
        },
        "example": 42
      }
    },
    "responses": {
      "BadRequest": {
        "description": "The request was well formed but broke a business rule. Examples:\n* JWT Auth is already attached, or is missing when it is read, updated or\n  removed.\n* The TTL is larger than the max TTL.\n* `jwksUrl` points at a local or private address.\n* The plan does not allow IP restrictions.\n* The query string has malformed percent-encoding.\n\n`error` is usually `BadRequest`. `details` may carry extra context.\n",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/ErrorResponse"
            },
            "examples": {
              "alreadyAttached": {
                "summary": "Attach on an identity that already has JWT Auth",
                "value": {
                  "reqId": "req-Fk3pQ9zLm2Xw7a",
                  "statusCode": 400,
                  "message": "Failed to add JWT Auth to already configured identity",
                  "error": "BadRequest"
                }
              },
              "ttlAboveMax": {
                "summary": "accessTokenTTL larger than accessTokenMaxTTL",
                "value": {
                  "reqId": "req-Vb8nR1tYc4Ke0s",
                  "statusCode": 400,
                  "message": "Access token TTL cannot be greater than max TTL",
                  "error": "BadRequest"
                }
              },
              "notAttached": {
                "summary": "Read on an identity without JWT Auth",
                "value": {
                  "reqId": "req-Hq6wD2jNx9Ur5m",
                  "statusCode": 400,
                  "message": "The identity does not have JWT Auth attached",
                  "error": "BadRequest"
                }
              },
              "localJwksUrl": {
                "summary": "jwksUrl resolves to a private address",
                "value": {
                  "reqId": "req-Ta4cG7pEv1Zo3i",
                  "statusCode": 400,
                  "message": "Local IPs not allowed as URL",
                  "error": "BadRequest"
                }
              }
            }
          }
        }
      },
      "Unauthorized": {
        "description": "No bearer token was sent (`Token missing`). Note that an expired or invalid token gives 403 `TokenError`, not 401.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/ErrorResponse"
            },
            "examples": {
              "tokenMissing": {
                "summary": "Authorization header absent",
                "value": {
                  "reqId": "req-Lm5sK8dWq3Ny6b",
                  "statusCode": 401,
                  "message": "Token missing",
                  "error": "UnauthorizedError"
                }
              }
            }
          }
        }
      },
      "LoginUnauthorized": {
        "description": "The JWT was rejected or the identity could not be used. Possible causes:\n* The identity is unknown.\n* The JWT cannot be decoded, or its signature does not verify.\n* The JWT has expired.\n* A required `sub`, `aud` or claim is missing or does not match.\n* The identity may not access the requested sub-organization.\n\n`error` is `UnauthorizedError`.\n",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/ErrorResponse"
            },
            "examples": {
              "expiredJwt": {
                "summary": "JWT verified against the JWKS but already expired",
                "value": {
                  "reqId": "req-Pz2vB6hJr8Tc1q",
                  "statusCode": 401,
                  "message": "Access denied: jwt expired",
                  "error": "UnauthorizedError"
                }
              },
              "audienceMismatch": {
                "summary": "JWT audience not in boundAudiences",
                "value": {
                  "reqId": "req-Wd9fM3kSa5Gy7e",
                  "statusCode": 401,
                  "message": "Access denied: token audience not allowed",
                  "error": "UnauthorizedError"
                }
              },
              "undecodable": {
                "summary": "The jwt field is not a JWT",
                "value": {
                  "reqId": "req-Nr1xC4uQb7Ji2o",
                  "statusCode": 401,
                  "message": "Invalid JWT",
                  "error": "UnauthorizedError"
                }
              }
            }
          }
        }
      },
      "Forbidden": {
        "description": "The caller is authenticated but may not do this, or the bearer token itself was\nrefused. Tell the cases apart with `error`:\n\n* `TokenError`: the bearer token is expired, malformed or signed wrongly. This\n  quirk means an expired or invalid token gives **403, not 401**. Treat it as\n  \"log in again and retry\", as you would a 401.\n* `PermissionDenied`: the caller's role lacks the needed permission. `details`\n  lists the rules that were checked.\n* `PermissionBoundaryError`: the target identity holds privileges the caller\n  does not have. `details.missingPermissions` names them.\n* Any other value (for example `ForbiddenError`, or `Forbidden access to <url>`\n  when the token type is not allowed on this route): access was refused for\n  another reason.\n",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/ErrorResponse"
            },
            "examples": {
              "expiredToken": {
                "summary": "Expired access token (TokenError quirk)",
                "value": {
                  "reqId": "req-Gk7yT1nVe4Ls9d",
                  "statusCode": 403,
                  "message": "Your token has expired. Please re-authenticate.",
                  "error": "TokenError"
                }
              },
              "permissionDenied": {
                "summary": "Role lacks the identity edit permission",
                "value": {
                  "reqId": "req-Ju3hZ8cXo6Rf2w",
                  "statusCode": 403,
                  "message": "You are not allowed to edit on Identity",
                  "error": "PermissionDenied",
                  "details": [
                    {
                      "action": "edit",
                      "inverted": false,
                      "subject": "identity"
                    }
                  ]
                }
              },
              "otherOrganization": {
                "summary": "Identity belongs to an organization the caller cannot reach",
                "value": {
                  "reqId": "req-Qa5mE2bUw9Hk4t",
                  "statusCode": 403,
                  "message": "Sub organization not authorized to access this identity",
                  "error": "ForbiddenError"
                }
              }
            }
          }
        }
      },
      "LoginForbidden": {
        "description": "The JWT verified, but its issuer or subject is not allowed by the identity's bindings. `error` is `ForbiddenError`.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/ErrorResponse"
            },
            "examples": {
              "issuerMismatch": {
                "summary": "iss differs from boundIssuer",
                "value": {
                  "reqId": "req-Xc8oI3fAp1Vn6z",
                  "statusCode": 403,
                  "message": "Access denied: issuer mismatch",
                  "error": "ForbiddenError"
                }
              },
              "subjectNotAllowed": {
                "summary": "sub does not match boundSubject",
                "value": {
                  "reqId": "req-Ry4lN7gDs2Bm8u",
                  "statusCode": 403,
                  "message": "Access denied: subject not allowed",
                  "error": "ForbiddenError"
                }
              }
            }
          }
        }
      },
      "NotFound": {
        "description": "A resource the request points to does not exist:\n* On login: the identity has no JWT Auth, or the sub-organization slug is\n  unknown.\n* On the management routes: the identity does not exist in the caller's\n  organization.\n\nIf the URL itself is wrong, Fastify's own 404 comes back. That body has no\n`reqId`.\n",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/ErrorResponse"
            },
            "examples": {
              "noJwtAuthOnLogin": {
                "summary": "Login for an identity without JWT Auth",
                "value": {
                  "reqId": "req-Ui6pS9eYt3Cw1k",
                  "statusCode": 404,
                  "message": "JWT auth method not found for identity, did you configure JWT auth?",
                  "error": "NotFound"
                }
              },
              "identityNotFound": {
                "summary": "Unknown identity on a management route",
                "value": {
                  "reqId": "req-Bo2jF5mZi8Dx4g",
                  "statusCode": 404,
                  "message": "Failed to find identity with ID 7d0c4f3e-2b8a-4c61-9e0f-5a1b2c3d4e5f",
                  "error": "NotFound"
                }
              },
              "unknownRoute": {
                "summary": "Fastify's route-not-found answer, without reqId",
                "value": {
                  "statusCode": 404,
                  "message": "Route GET:/api/v1/auth/jwt-auth/identity/abc not found",
                  "error": "Not Found"
                }
              }
            }
          }
        }
      },
      "ValidationFailed": {
        "description": "The request body or parameters failed schema validation. `message` holds the list of validation issues. The exact issue fields and wording depend on the validator version on the server.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/ValidationErrorResponse"
            },
            "examples": {
              "missingJwt": {
                "summary": "Login body without jwt",
                "value": {
                  "reqId": "req-Ef9rW1aHk5Ty3p",
                  "statusCode": 422,
                  "error": "ValidationFailure",
                  "message": [
                    {
                      "code": "invalid_type",
                      "expected": "string",
                      "received": "undefined",
                      "path": [
                        "jwt"
                      ],
                      "message": "Required"
                    }
                  ]
                }
              },
              "badConfigurationType": {
                "summary": "configurationType missing or not jwks/static",
                "value": {
                  "reqId": "req-Kt3bQ6oLc9Az7h",
                  "statusCode": 422,
                  "error": "ValidationFailure",
                  "message": [
                    {
                      "code": "invalid_union_discriminator",
                      "options": [
                        "jwks",
                        "static"
                      ],
                      "path": [
                        "configurationType"
                      ],
                      "message": "Invalid discriminator value. Expected 'jwks' | 'static'"
                    }
                  ]
                }
              },
              "ttlTooLarge": {
                "summary": "accessTokenTTL above ten years",
                "value": {
                  "reqId": "req-Sy7gU4vMn1Od5j",
                  "statusCode": 422,
                  "error": "ValidationFailure",
                  "message": [
                    {
                      "code": "too_big",
                      "maximum": 315360000,
                      "type": "number",
                      "inclusive": true,
                      "exact": false,
                      "path": [
                        "accessTokenTTL"
                      ],
                      "message": "Number must be less than or equal to 315360000"
                    }
                  ]
                }
              }
            }
          }
        }
      },
      "TooManyRequests": {
        "description": "Your client IP used up its requests for the current 60-second window (Infisical Cloud only). Wait the number of seconds in `Retry-After`, or the number in the message, then try again.",
        "headers": {
          "Retry-After": {
            "$ref": "#/components/headers/Retry-After"
          },
          "X-RateLimit-Limit": {
            "$ref": "#/components/headers/X-RateLimit-Limit"
          },
          "X-RateLimit-Remaining": {
            "$ref": "#/components/headers/X-RateLimit-Remaining"
          },
          "X-RateLimit-Reset": {
            "$ref": "#/components/headers/X-RateLimit-Reset"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/ErrorResponse"
            },
            "examples": {
              "rateLimited": {
                "summary": "Window exhausted",
                "value": {
                  "reqId": "req-Cv1nX8iPe6Ug2l",
                  "statusCode": 429,
                  "message": "Rate limit exceeded. Please try again in 42 seconds",
                  "error": "RateLimitExceeded"
                }
              }
            }
          }
        }
      },
      "InternalServerError": {
        "description": "An unexpected server-side failure. This includes a JWKS endpoint that cannot be reached or has no key for the token's `kid`, invalid JSON in the request body, and database errors. The message is generic.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/ErrorResponse"
            },
            "examples": {
              "generic": {
                "summary": "Unclassified failure",
                "value": {
                  "reqId": "req-Im4kY2wRf7Qs9c",
                  "statusCode": 500,
                  "message": "Something went wrong",
                  "error": "InternalServerError"
                }
              }
            }
          }
        }
      }
    },
    "schemas": {
      "JwtAuthLoginRequest": {
        "type": "object",
        "description": "Credentials for a JWT Auth login. The server trims whitespace from every string.",
        "required": [
          "identityId",
          "jwt"
        ],
        "properties": {
          "identityId": {
            "type": "string",
            "description": "ID of the machine identity to log in as.",
            "examples": [
              "7d0c4f3e-2b8a-4c61-9e0f-5a1b2c3d4e5f"
            ]
          },
          "jwt": {
            "x-secret": true,
            "type": "string",
            "writeOnly": true,
            "description": "The JWT issued by your identity provider. It must satisfy the identity's JWT Auth configuration."
          },
          "organizationSlug": {
            "type": "string",
            "minLength": 1,
            "maxLength": 64,
            "description": "Slug (lowercase letters, digits and hyphens) of a sub-organization the identity may access. When set, the session is scoped to that organization. When left out, the session belongs to the organization that owns the identity. Servers older than early 2026 called this field `subOrganizationName`.",
            "examples": [
              "acme-platform"
            ]
          }
        }
      },
      "JwtAuthLoginResponse": {
        "type": "object",
        "description": "A freshly issued Infisical access token.",
        "required": [
          "accessToken",
          "expiresIn",
          "accessTokenMaxTTL",
          "tokenType"
        ],
        "properties": {
          "accessToken": {
            "x-secret": true,
            "type": "string",
            "readOnly": true,
            "description": "Infisical access token. Send it as `Authorization: Bearer <accessToken>` on later calls."
          },
          "expiresIn": {
            "type": "number",
            "description": "Lifetime of the token in seconds (the configured `accessTokenTTL`). A value of 0 means the token has no expiry time of its own."
          },
          "accessTokenMaxTTL": {
            "type": "number",
            "description": "Seconds after which the token can no longer be renewed (the configured `accessTokenMaxTTL`). 0 means there is no such limit."
          },
          "tokenType": {
            "type": "string",
            "enum": [
              "Bearer"
            ],
            "description": "Always `Bearer`."
          }
        }
      },
      "JwtAuthJwksVerification": {
        "type": "object",
        "description": "Verify JWT signatures with keys fetched from a JWKS endpoint.",
        "required": [
          "configurationType",
          "jwksUrl"
        ],
        "properties": {
          "configurationType": {
            "type": "string",
            "enum": [
              "jwks"
            ],
            "description": "Selects JWKS-based verification."
          },
          "jwksUrl": {
            "type": "string",
            "format": "uri",
            "description": "JWKS endpoint that publishes the signing keys. Infisical picks the key by the JWT's `kid`. The address must not resolve to a local or private network unless the server allows it.",
            "examples": [
              "https://issuer.example.com/.well-known/jwks.json"
            ]
          },
          "jwksCaCert": {
            "type": "string",
            "default": "",
            "description": "PEM CA certificate used to verify the TLS connection to `jwksUrl`. If it is empty, the server does not verify the endpoint's certificate. When you leave it out on update, the stored certificate is cleared."
          },
          "publicKeys": {
            "type": "array",
            "default": [],
            "description": "Not used for `jwks` verification. Leave it out or send an empty list.",
            "items": {
              "type": "string"
            }
          }
        }
      },
      "JwtAuthStaticVerification": {
        "type": "object",
        "description": "Verify JWT signatures against a fixed list of public keys.",
        "required": [
          "configurationType",
          "publicKeys"
        ],
        "properties": {
          "configurationType": {
            "type": "string",
            "enum": [
              "static"
            ],
            "description": "Selects static-key verification."
          },
          "publicKeys": {
            "type": "array",
            "minItems": 1,
            "description": "PEM public keys (RSA or ECDSA, with BEGIN/END lines). A token is accepted when any one of them verifies its signature.",
            "items": {
              "type": "string",
              "minLength": 1
            }
          },
          "jwksUrl": {
            "type": "string",
            "default": "",
            "description": "Not used for `static` verification. It is stored as an empty string."
          },
          "jwksCaCert": {
            "type": "string",
            "default": "",
            "description": "Not used for `static` verification. It is stored as an empty string."
          }
        }
      },
      "BoundClaims": {
        "type": "object",
        "description": "Claims the JWT must carry. Each key is a claim name (dot notation reaches nested claims). Each value is a comma-separated list of allowed values, and glob patterns are allowed. The server re-joins each list with `, `.",
        "additionalProperties": {
          "type": "string"
        },
        "examples": [
          {
            "repository": "acme/web-app, acme/api-*"
          }
        ]
      },
      "TrustedIpInput": {
        "type": "object",
        "description": "An IP address or CIDR range that the issued access tokens may be used from.",
        "required": [
          "ipAddress"
        ],
        "properties": {
          "ipAddress": {
            "type": "string",
            "description": "IPv4 or IPv6 address, or a CIDR block such as `198.51.100.0/24` (prefix 0-32 for IPv4, 0-128 for IPv6).",
            "examples": [
              "198.51.100.0/24"
            ]
          }
        }
      },
      "TrustedIp": {
        "type": "object",
        "description": "A stored trusted IP entry. A CIDR block you sent is split into its network address and prefix length. Infisical's spec types the list as \"anything\"; this shape is read from the server code that stores the entries (it parses each address into address, family and prefix), so only `ipAddress` is promised and extra keys are allowed.",
        "required": [
          "ipAddress"
        ],
        "properties": {
          "ipAddress": {
            "type": "string",
            "description": "The IP address, or the network address of a CIDR block."
          },
          "type": {
            "type": "string",
            "x-extensible-enum": [
              "ipv4",
              "ipv6"
            ],
            "description": "Address family, when the server reports it."
          },
          "prefix": {
            "type": "integer",
            "description": "CIDR prefix length. It is absent when a single address was given."
          }
        }
      },
      "AttachJwtAuthSettings": {
        "type": "object",
        "description": "Bindings and token settings for attach. Every field except `boundClaims` has a default.",
        "required": [
          "boundClaims"
        ],
        "properties": {
          "boundIssuer": {
            "type": "string",
            "default": "",
            "description": "Value the JWT's `iss` must equal exactly. An empty string disables the check."
          },
          "boundAudiences": {
            "type": "string",
            "default": "",
            "description": "Comma-separated list of allowed audiences (globs allowed). The JWT's `aud` must match one of them. An empty string disables the check. The server stores the list joined with `, `."
          },
          "boundClaims": {
            "$ref": "#/components/schemas/BoundClaims"
          },
          "boundSubject": {
            "type": "string",
            "default": "",
            "description": "Pattern the JWT's `sub` must match (exact or glob). An empty string disables the check."
          },
          "accessTokenTrustedIps": {
            "type": "array",
            "minItems": 1,
            "description": "Addresses and ranges the issued access tokens may be used from. Values other than `0.0.0.0/0` and `::/0` need a plan that includes IP allowlisting.",
            "default": [
              {
                "ipAddress": "0.0.0.0/0"
              },
              {
                "ipAddress": "::/0"
              }
            ],
            "items": {
              "$ref": "#/components/schemas/TrustedIpInput"
            }
          },
          "accessTokenTTL": {
            "type": "integer",
            "minimum": 0,
            "maximum": 315360000,
            "default": 2592000,
            "description": "Lifetime of issued access tokens in seconds (at most ten years). It may not exceed `accessTokenMaxTTL` unless that is 0."
          },
          "accessTokenMaxTTL": {
            "type": "integer",
            "minimum": 0,
            "maximum": 315360000,
            "default": 2592000,
            "description": "Seconds after which issued access tokens can no longer be renewed. 0 means no limit."
          },
          "accessTokenNumUsesLimit": {
            "type": "integer",
            "minimum": 0,
            "default": 0,
            "description": "How many requests one issued access token may make. 0 means unlimited."
          }
        }
      },
      "UpdateJwtAuthSettings": {
        "type": "object",
        "description": "Bindings and token settings for update. All of them are optional, and the current server keeps the stored value of any field you leave out.",
        "properties": {
          "boundIssuer": {
            "type": "string",
            "description": "New value the JWT's `iss` must equal exactly. An empty string disables the check."
          },
          "boundAudiences": {
            "type": "string",
            "description": "New comma-separated list of allowed audiences (globs allowed). An empty string disables the check."
          },
          "boundClaims": {
            "$ref": "#/components/schemas/BoundClaims"
          },
          "boundSubject": {
            "type": "string",
            "description": "New pattern the JWT's `sub` must match. An empty string disables the check."
          },
          "accessTokenTrustedIps": {
            "type": "array",
            "minItems": 1,
            "description": "New list of addresses and ranges the issued access tokens may be used from.",
            "items": {
              "$ref": "#/components/schemas/TrustedIpInput"
            }
          },
          "accessTokenTTL": {
            "type": "integer",
            "minimum": 0,
            "maximum": 315360000,
            "description": "New lifetime of issued access tokens in seconds."
          },
          "accessTokenMaxTTL": {
            "type": "integer",
            "minimum": 0,
            "maximum": 315360000,
            "description": "New renewal limit in seconds. 0 means no limit."
          },
          "accessTokenNumUsesLimit": {
            "type": "integer",
            "minimum": 0,
            "description": "New per-token use limit. 0 means unlimited."
          }
        }
      },
      "AttachJwtAuthJwksRequest": {
        "description": "Attach body for JWKS-based verification.",
        "allOf": [
          {
            "$ref": "#/components/schemas/JwtAuthJwksVerification"
          },
          {
            "$ref": "#/components/schemas/AttachJwtAuthSettings"
          }
        ]
      },
      "AttachJwtAuthStaticRequest": {
        "description": "Attach body for static-key verification.",
        "allOf": [
          {
            "$ref": "#/components/schemas/JwtAuthStaticVerification"
          },
          {
            "$ref": "#/components/schemas/AttachJwtAuthSettings"
          }
        ]
      },
      "AttachJwtAuthRequest": {
        "description": "JWT Auth configuration to attach. The shape depends on `configurationType`.",
        "oneOf": [
          {
            "$ref": "#/components/schemas/AttachJwtAuthJwksRequest"
          },
          {
            "$ref": "#/components/schemas/AttachJwtAuthStaticRequest"
          }
        ],
        "discriminator": {
          "propertyName": "configurationType",
          "mapping": {
            "jwks": "#/components/schemas/AttachJwtAuthJwksRequest",
            "static": "#/components/schemas/AttachJwtAuthStaticRequest"
          }
        }
      },
      "UpdateJwtAuthJwksRequest": {
        "description": "Update body for JWKS-based verification.",
        "allOf": [
          {
            "$ref": "#/components/schemas/JwtAuthJwksVerification"
          },
          {
            "$ref": "#/components/schemas/UpdateJwtAuthSettings"
          }
        ]
      },
      "UpdateJwtAuthStaticRequest": {
        "description": "Update body for static-key verification.",
        "allOf": [
          {
            "$ref": "#/components/schemas/JwtAuthStaticVerification"
          },
          {
            "$ref": "#/components/schemas/UpdateJwtAuthSettings"
          }
        ]
      },
      "UpdateJwtAuthRequest": {
        "description": "Replacement JWT Auth configuration. The shape depends on `configurationType`.",
        "oneOf": [
          {
            "$ref": "#/components/schemas/UpdateJwtAuthJwksRequest"
          },
          {
            "$ref": "#/components/schemas/UpdateJwtAuthStaticRequest"
          }
        ],
        "discriminator": {
          "propertyName": "configurationType",
          "mapping": {
            "jwks": "#/components/schemas/UpdateJwtAuthJwksRequest",
            "static": "#/components/schemas/UpdateJwtAuthStaticRequest"
          }
        }
      },
      "DeletedIdentityJwtAuth": {
        "type": "object",
        "description": "A stored JWT Auth configuration without its key material. The revoke endpoint returns this shape, and the full `IdentityJwtAuth` extends it.",
        "required": [
          "id",
          "identityId",
          "configurationType",
          "jwksUrl",
          "boundIssuer",
          "boundAudiences",
          "boundClaims",
          "boundSubject",
          "accessTokenTTL",
          "accessTokenMaxTTL",
          "accessTokenNumUsesLimit",
          "accessTokenPeriod",
          "accessTokenTrustedIps",
          "createdAt",
          "updatedAt"
        ],
        "properties": {
          "id": {
            "type": "string",
            "format": "uuid",
            "readOnly": true,
            "description": "ID of the configuration record."
          },
          "identityId": {
            "type": "string",
            "format": "uuid",
            "readOnly": true,
            "description": "ID of the machine identity the configuration belongs to."
          },
          "configurationType": {
            "type": "string",
            "x-extensible-enum": [
              "jwks",
              "static"
            ],
            "description": "How JWT signatures are verified."
          },
          "jwksUrl": {
            "type": "string",
            "description": "JWKS endpoint. It is an empty string for `static` configurations."
          },
          "boundIssuer": {
            "type": "string",
            "description": "Required `iss` value. An empty string means no check."
          },
          "boundAudiences": {
            "type": "string",
            "description": "Allowed audiences, normalised to a `, `-separated list. An empty string means no check."
          },
          "boundClaims": {
            "$ref": "#/components/schemas/BoundClaims",
            "description": "Stored claim bindings. Infisical's spec types this answer as \"anything\"; it is typed like the request field because the server only accepts an object of strings there and stores it with each value re-joined as a `, `-separated string. Attach requires it, so every stored configuration has it."
          },
          "boundSubject": {
            "type": "string",
            "description": "Pattern for `sub`. An empty string means no check."
          },
          "accessTokenTTL": {
            "type": "number",
            "description": "Lifetime of issued access tokens in seconds. Always present: the server's response schema fills in a default."
          },
          "accessTokenMaxTTL": {
            "type": "number",
            "description": "Renewal limit of issued access tokens in seconds. 0 means no limit. Always present: the server's response schema fills in a default."
          },
          "accessTokenNumUsesLimit": {
            "type": "number",
            "description": "Use limit of issued access tokens. 0 means unlimited. Always present: the server's response schema fills in a default."
          },
          "accessTokenPeriod": {
            "type": "number",
            "readOnly": true,
            "description": "Renewal period of issued tokens in seconds. It cannot be set through these endpoints and is normally 0. Always present: the server's response schema fills in a default."
          },
          "accessTokenTrustedIps": {
            "type": "array",
            "description": "Stored trusted addresses and ranges, in their parsed form, not in the form they were sent. Attach stores a default when none is sent, so every stored configuration has the list.",
            "items": {
              "$ref": "#/components/schemas/TrustedIp"
            }
          },
          "createdAt": {
            "type": "string",
            "format": "date-time",
            "readOnly": true,
            "description": "When the configuration was attached."
          },
          "updatedAt": {
            "type": "string",
            "format": "date-time",
            "readOnly": true,
            "description": "When the configuration last changed."
          }
        }
      },
      "IdentityJwtAuth": {
        "description": "A stored JWT Auth configuration, including its decrypted key material.",
        "allOf": [
          {
            "$ref": "#/components/schemas/DeletedIdentityJwtAuth"
          },
          {
            "type": "object",
            "required": [
              "jwksCaCert",
              "publicKeys"
            ],
            "properties": {
              "jwksCaCert": {
                "type": "string",
                "description": "PEM CA certificate for the JWKS endpoint, or an empty string."
              },
              "publicKeys": {
                "type": "array",
                "description": "Static public keys in PEM form. For `jwks` configurations this can be an empty list, or a list holding one empty string.",
                "items": {
                  "type": "string"
                }
              }
            }
          }
        ]
      },
      "IdentityJwtAuthEnvelope": {
        "type": "object",
        "description": "Wrapper returned by the attach, get and update endpoints.",
        "required": [
          "identityJwtAuth"
        ],
        "properties": {
          "identityJwtAuth": {
            "$ref": "#/components/schemas/IdentityJwtAuth"
          }
        }
      },
      "DeletedIdentityJwtAuthEnvelope": {
        "type": "object",
        "description": "Wrapper returned by the revoke endpoint.",
        "required": [
          "identityJwtAuth"
        ],
        "properties": {
          "identityJwtAuth": {
            "$ref": "#/components/schemas/DeletedIdentityJwtAuth"
          }
        }
      },
      "ErrorResponse": {
        "type": "object",
        "description": "Infisical's error envelope, used for every failure except request validation (422).",
        "required": [
          "statusCode",
          "message",
          "error"
        ],
        "properties": {
          "reqId": {
            "type": "string",
            "readOnly": true,
            "description": "Opaque ID of the request, for support tickets (for example `req-Fk3pQ9zLm2Xw7a`). Infisical's error handler always sends it. Only Fastify's route-not-found 404 leaves it out."
          },
          "statusCode": {
            "type": "integer",
            "minimum": 400,
            "maximum": 599,
            "description": "The HTTP status code, repeated."
          },
          "message": {
            "type": "string",
            "description": "A sentence explaining the failure."
          },
          "error": {
            "type": "string",
            "description": "Short error class name. Some 403 answers put a sentence here instead (`Forbidden access to <url>`).",
            "x-extensible-enum": [
              "BadRequest",
              "CryptographyError",
              "UnauthorizedError",
              "TokenError",
              "PermissionDenied",
              "ForbiddenError",
              "PermissionBoundaryError",
              "PolicyViolationError",
              "NotFound",
              "RateLimitExceeded",
              "InternalServerError",
              "DatabaseError"
            ]
          },
          "details": {
            "description": "Extra context sent with some 400 and 403 errors. For `PermissionDenied` it is a list of the permission rules that were checked. For `PermissionBoundaryError` it is an object with `missingPermissions`."
          }
        }
      },
      "ValidationIssue": {
        "type": "object",
        "description": "One problem found while validating the request, as the server's validator (zod) reports it. Infisical's own spec does not describe these objects, and their fields and wording change with the validator version, so no field is promised. `code`, `path` and `message` were present in every issue observed; the other fields depend on `code`, and extra keys are allowed.",
        "properties": {
          "code": {
            "type": "string",
            "description": "Kind of problem.",
            "x-extensible-enum": [
              "invalid_type",
              "invalid_union_discriminator",
              "invalid_string",
              "too_small",
              "too_big",
              "custom"
            ]
          },
          "path": {
            "type": "array",
            "description": "Location of the bad value, as object keys and array indexes.",
            "items": {
              "type": [
                "string",
                "integer"
              ]
            }
          },
          "message": {
            "type": "string",
            "description": "Human-readable explanation."
          },
          "expected": {
            "type": "string",
            "description": "For `invalid_type`, the type that was expected."
          },
          "received": {
            "type": "string",
            "description": "For `invalid_type`, the type that was received."
          },
          "options": {
            "type": "array",
            "description": "For discriminator and enum problems, the values that are allowed.",
            "items": {}
          },
          "minimum": {
            "type": "number",
            "description": "For `too_small`, the lower bound that was broken."
          },
          "maximum": {
            "type": "number",
            "description": "For `too_big`, the upper bound that was broken."
          }
        },
        "additionalProperties": true
      },
      "ValidationErrorResponse": {
        "type": "object",
        "description": "Error envelope for request validation failures (HTTP 422). Infisical's own spec leaves `message` untyped and optional and `error` a plain string; the types below say what current servers send without promising more.",
        "required": [
          "statusCode",
          "error"
        ],
        "properties": {
          "reqId": {
            "type": "string",
            "readOnly": true,
            "description": "Opaque ID of the request, for support tickets. Typed optional as in every other error envelope here, since failures produced by Fastify itself come without it."
          },
          "statusCode": {
            "type": "integer",
            "const": 422,
            "description": "Always 422."
          },
          "message": {
            "description": "Usually the list of validation issues found in the request. It may also be a sentence, like the `message` of every other failure (the shape depends on the validator version on the server, and Infisical's spec does not fix it).",
            "oneOf": [
              {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/ValidationIssue"
                }
              },
              {
                "type": "string"
              }
            ]
          },
          "error": {
            "type": "string",
            "description": "Error class name; `ValidationFailure` for request validation.",
            "x-extensible-enum": [
              "ValidationFailure"
            ]
          }
        }
      }
    }
  }
};
