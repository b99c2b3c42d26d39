// This file is generated from specs/confluent/openapi.yaml by `pnpm generate` (tooling/codegen).
// Do not edit it by hand: change the spec and run `pnpm generate` again.

/** The bundled confluent spec. */
export const confluentSpec: Readonly<Record<string, unknown>> = {
  "openapi": "3.1.0",
  "info": {
    "title": "Confluent Cloud OAuth identity federation API",
    "version": "1.0.0",
    "summary": "Identity providers, JWKS refresh, identity pools and STS token exchange on Confluent Cloud.",
    "description": "This document covers the part of the Confluent Cloud control-plane API that deals with\nfederated (OAuth / OpenID Connect) identities:\n\n- **Identity providers** (`iam/v2`): register an external issuer together with the URL of its\n  JSON Web Key Set so that Confluent Cloud can verify tokens it signs.\n- **JWKS refresh** (`iam/v2`): make Confluent fetch a provider's signing keys right away instead\n  of waiting for its periodic refresh.\n- **Identity pools** (`iam/v2`): groups of external identities under one provider, selected by a\n  CEL filter over token claims; each pool is a principal that can be granted access.\n- **Security Token Service** (`sts/v1`): swap a token issued by a registered provider for a\n  short-lived Confluent access token.\n\n## Authentication\nThe `iam/v2` operations accept either a Cloud API key (HTTP Basic: key ID as user name, key\nsecret as password) or a Confluent-issued access token sent as `Authorization: Bearer <token>`.\nSuch a token is obtained from `exchangeStsV1OauthToken`, which itself takes no credentials:\nthe external token travels in the form body. An identity pool has to exist (created with an\nAPI key) before any token can be exchanged for it.\n\n## Pagination\nList operations return one page at a time. `page_size` only matters on the first request;\nafterwards follow `metadata.next` (a complete URL carrying an opaque `page_token`) until it is\nmissing or `null`. Never build or modify page tokens.\n\n## Rate limits\nConfluent limits both request rate and concurrency, per user and per organization; the numbers\nare not published and may change at any time. Responses carry `X-RateLimit-*` headers. Note that\n`X-RateLimit-Reset` and `Retry-After` are numbers of seconds counted from now, not timestamps.\nOn HTTP 429, wait as told by `Retry-After` (or back off exponentially with jitter) and retry.\n\n## Errors\nFailures are reported as a `Failure` document holding a list of `Error` entries. A 404 may also\nmean that the caller is not allowed to learn whether the resource exists, and some quota\nviolations are reported as 400 rather than 402.\n\n## Forward compatibility\nClients should ignore response fields they do not know, should not rely on optional fields being\npresent, and should accept values outside the lists given in `x-extensible-enum`. Identifiers can\nbe up to 255 characters long.\n",
    "license": {
      "name": "MIT",
      "identifier": "MIT"
    }
  },
  "servers": [
    {
      "url": "https://api.confluent.cloud",
      "description": "Confluent Cloud production control plane"
    }
  ],
  "tags": [
    {
      "name": "Identity Providers (iam/v2)",
      "description": "External OAuth / OpenID Connect issuers that Confluent Cloud trusts. Each organization has a\nquota on the number of providers (`identity_providers_per_org`) and on the number of public keys\nkept per provider (`public_keys_per_provider`).\n"
    },
    {
      "name": "Jwks (iam/v2)",
      "description": "On-demand refresh of the signing keys Confluent Cloud keeps for an identity provider. Confluent\nnormally refetches the key set on its own, at an interval derived from the `Cache-Control:\nmax-age` of the key-set response (at least 5 minutes, at most 7 days, once a day when no max-age\nis given), and keeps using the cached keys if the URL cannot be reached.\n"
    },
    {
      "name": "Identity Pools (iam/v2)",
      "description": "Groups of external identities belonging to one identity provider. A CEL filter over the token\nclaims decides which tokens map to the pool, and the pool is the principal that receives role\nbindings. Limited by the `identity_pools_per_provider` quota.\n"
    },
    {
      "name": "OAuth Tokens (sts/v1)",
      "description": "Security Token Service: trade a token from a registered identity provider for a Confluent\naccess token usable against the Confluent Cloud APIs.\n"
    }
  ],
  "paths": {
    "/iam/v2/identity-providers": {
      "get": {
        "operationId": "listIamV2IdentityProviders",
        "summary": "List identity providers",
        "description": "Returns one page of the OAuth identity providers registered in the caller's organization.\nFollow `metadata.next` to read further pages.\n",
        "tags": [
          "Identity Providers (iam/v2)"
        ],
        "security": [
          {
            "cloud-api-key": []
          },
          {
            "confluent-sts-access-token": []
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/PageSize"
          },
          {
            "$ref": "#/components/parameters/PageToken"
          }
        ],
        "responses": {
          "200": {
            "description": "A page of identity providers.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
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
                  "$ref": "#/components/schemas/IdentityProviderList"
                },
                "examples": {
                  "twoProvidersMorePages": {
                    "summary": "First page with a link to the next one",
                    "value": {
                      "api_version": "iam/v2",
                      "kind": "IdentityProviderList",
                      "metadata": {
                        "first": "https://api.confluent.cloud/iam/v2/identity-providers?page_size=2",
                        "next": "https://api.confluent.cloud/iam/v2/identity-providers?page_token=tok-page2-fake",
                        "total_size": 3
                      },
                      "data": [
                        {
                          "id": "op-abc123",
                          "metadata": {
                            "self": "https://api.confluent.cloud/iam/v2/identity-providers/op-abc123",
                            "resource_name": "crn://confluent.cloud/organization=0f0e0d0c-0000-4000-8000-0000000000aa/identity-provider=op-abc123",
                            "created_at": "2025-02-10T08:15:00Z",
                            "updated_at": "2025-03-01T17:40:12Z"
                          },
                          "display_name": "Workforce IdP",
                          "description": "Tokens for employees and CI runners",
                          "identity_claim": "claims.sub",
                          "state": "ENABLED",
                          "issuer": "https://issuer.example.com/oauth2/default",
                          "jwks_uri": "https://issuer.example.com/oauth2/default/v1/keys",
                          "keys": [
                            {
                              "kty": "RSA",
                              "kid": "fake-key-2025-01",
                              "alg": "RS256"
                            }
                          ]
                        },
                        {
                          "id": "op-def456",
                          "metadata": {
                            "self": "https://api.confluent.cloud/iam/v2/identity-providers/op-def456",
                            "resource_name": "crn://confluent.cloud/organization=0f0e0d0c-0000-4000-8000-0000000000aa/identity-provider=op-def456",
                            "created_at": "2025-04-22T11:02:33Z"
                          },
                          "display_name": "Partner IdP",
                          "description": "Machine identities of a partner company",
                          "state": "ENABLED",
                          "issuer": "https://partner-idp.example.net/",
                          "jwks_uri": "https://partner-idp.example.net/.well-known/jwks.json"
                        }
                      ]
                    }
                  },
                  "lastPage": {
                    "summary": "A page with no further data",
                    "value": {
                      "api_version": "iam/v2",
                      "kind": "IdentityProviderList",
                      "metadata": {
                        "first": "https://api.confluent.cloud/iam/v2/identity-providers",
                        "next": null,
                        "total_size": 0
                      },
                      "data": []
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
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "500": {
            "$ref": "#/components/responses/ServerError"
          }
        }
      },
      "post": {
        "operationId": "createIamV2IdentityProvider",
        "summary": "Register an identity provider",
        "description": "Registers an external OAuth / OpenID Connect issuer. `display_name`, `description`, `issuer`\nand `jwks_uri` must be given; `identity_claim` is optional. Server-assigned fields sent in the\nbody are ignored.\n",
        "tags": [
          "Identity Providers (iam/v2)"
        ],
        "security": [
          {
            "cloud-api-key": []
          },
          {
            "confluent-sts-access-token": []
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "required": [
                  "display_name",
                  "description",
                  "issuer",
                  "jwks_uri"
                ],
                "allOf": [
                  {
                    "$ref": "#/components/schemas/IdentityProvider"
                  }
                ]
              },
              "examples": {
                "minimal": {
                  "summary": "Required fields only",
                  "value": {
                    "display_name": "Workforce IdP",
                    "description": "Tokens for employees and CI runners",
                    "issuer": "https://issuer.example.com/oauth2/default",
                    "jwks_uri": "https://issuer.example.com/oauth2/default/v1/keys"
                  }
                },
                "withIdentityClaim": {
                  "summary": "Also choosing the claim that names the caller",
                  "value": {
                    "display_name": "Partner IdP",
                    "description": "Machine identities of a partner company",
                    "identity_claim": "claims.client_id",
                    "issuer": "https://partner-idp.example.net/",
                    "jwks_uri": "https://partner-idp.example.net/.well-known/jwks.json"
                  }
                }
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The provider was registered; `Location` points at it.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              },
              "Location": {
                "$ref": "#/components/headers/Location"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/IdentityProviderResource"
                },
                "examples": {
                  "created": {
                    "summary": "Newly registered provider",
                    "value": {
                      "api_version": "iam/v2",
                      "kind": "IdentityProvider",
                      "id": "op-abc123",
                      "metadata": {
                        "self": "https://api.confluent.cloud/iam/v2/identity-providers/op-abc123",
                        "resource_name": "crn://confluent.cloud/organization=0f0e0d0c-0000-4000-8000-0000000000aa/identity-provider=op-abc123",
                        "created_at": "2025-02-10T08:15:00Z",
                        "updated_at": "2025-02-10T08:15:00Z"
                      },
                      "display_name": "Workforce IdP",
                      "description": "Tokens for employees and CI runners",
                      "state": "ENABLED",
                      "issuer": "https://issuer.example.com/oauth2/default",
                      "jwks_uri": "https://issuer.example.com/oauth2/default/v1/keys",
                      "keys": [
                        {
                          "kty": "RSA",
                          "kid": "fake-key-2025-01",
                          "alg": "RS256"
                        }
                      ]
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
            "$ref": "#/components/responses/Unauthenticated"
          },
          "402": {
            "$ref": "#/components/responses/QuotaExceeded"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "500": {
            "$ref": "#/components/responses/ServerError"
          }
        }
      }
    },
    "/iam/v2/identity-providers/{id}": {
      "parameters": [
        {
          "$ref": "#/components/parameters/IdentityProviderId"
        }
      ],
      "get": {
        "operationId": "getIamV2IdentityProvider",
        "summary": "Get one identity provider",
        "description": "Returns a single identity provider, including the key IDs currently known for it.",
        "tags": [
          "Identity Providers (iam/v2)"
        ],
        "security": [
          {
            "cloud-api-key": []
          },
          {
            "confluent-sts-access-token": []
          }
        ],
        "responses": {
          "200": {
            "description": "The identity provider.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
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
                  "$ref": "#/components/schemas/IdentityProviderResource"
                },
                "examples": {
                  "provider": {
                    "$ref": "#/components/examples/IdentityProviderResource"
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "500": {
            "$ref": "#/components/responses/ServerError"
          }
        }
      },
      "patch": {
        "operationId": "updateIamV2IdentityProvider",
        "summary": "Change fields of an identity provider",
        "description": "Changes some fields of an identity provider; fields left out keep their value. `issuer` and\n`jwks_uri` may be changed in place, the provider and its pools are kept.\n",
        "tags": [
          "Identity Providers (iam/v2)"
        ],
        "x-idempotent": true,
        "security": [
          {
            "cloud-api-key": []
          },
          {
            "confluent-sts-access-token": []
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/IdentityProvider"
              },
              "examples": {
                "rename": {
                  "summary": "Change the display name and description",
                  "value": {
                    "display_name": "Workforce IdP (EU)",
                    "description": "Tokens for EU employees and CI runners"
                  }
                },
                "moveKeys": {
                  "summary": "Point at a new key-set URL",
                  "value": {
                    "jwks_uri": "https://issuer.example.com/oauth2/v2/keys"
                  }
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The provider after the update.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
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
                  "$ref": "#/components/schemas/IdentityProviderResource"
                },
                "examples": {
                  "updated": {
                    "summary": "Provider after renaming",
                    "value": {
                      "api_version": "iam/v2",
                      "kind": "IdentityProvider",
                      "id": "op-abc123",
                      "metadata": {
                        "self": "https://api.confluent.cloud/iam/v2/identity-providers/op-abc123",
                        "resource_name": "crn://confluent.cloud/organization=0f0e0d0c-0000-4000-8000-0000000000aa/identity-provider=op-abc123",
                        "created_at": "2025-02-10T08:15:00Z",
                        "updated_at": "2025-05-05T09:30:00Z"
                      },
                      "display_name": "Workforce IdP (EU)",
                      "description": "Tokens for EU employees and CI runners",
                      "identity_claim": "claims.sub",
                      "state": "ENABLED",
                      "issuer": "https://issuer.example.com/oauth2/default",
                      "jwks_uri": "https://issuer.example.com/oauth2/default/v1/keys"
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
            "$ref": "#/components/responses/Unauthenticated"
          },
          "402": {
            "$ref": "#/components/responses/QuotaExceeded"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "500": {
            "$ref": "#/components/responses/ServerError"
          }
        }
      },
      "delete": {
        "operationId": "deleteIamV2IdentityProvider",
        "summary": "Remove an identity provider",
        "description": "Starts removal of an identity provider. The response carries no body; removal may finish\nafter the call returns.\n",
        "tags": [
          "Identity Providers (iam/v2)"
        ],
        "x-idempotent": true,
        "security": [
          {
            "cloud-api-key": []
          },
          {
            "confluent-sts-access-token": []
          }
        ],
        "responses": {
          "204": {
            "description": "Deletion of the provider has been accepted.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
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
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "500": {
            "$ref": "#/components/responses/ServerError"
          }
        }
      }
    },
    "/iam/v2/identity-providers/{provider_id}/jwks": {
      "parameters": [
        {
          "$ref": "#/components/parameters/ProviderId"
        }
      ],
      "patch": {
        "operationId": "refreshIamV2JsonWebKeySet",
        "summary": "Force-refresh a provider's signing keys",
        "description": "Makes Confluent Cloud download the provider's JSON Web Key Set now, for example right after\nthe provider rotated its signing keys or after automatic refreshes kept failing. The request\nasks for the `REFRESHED` state (`{\"spec\": {\"jwks_status\": \"REFRESHED\"}}`, the body Confluent's\ndocumentation sends); the outcome of the fetch is reported in `status.jwks_status`. Confluent\nmarks the body and its fields optional, so they are optional here too. Sending the same\nrequest again is harmless.\n",
        "tags": [
          "Jwks (iam/v2)"
        ],
        "x-idempotent": true,
        "security": [
          {
            "cloud-api-key": []
          },
          {
            "confluent-sts-access-token": []
          }
        ],
        "requestBody": {
          "required": false,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/JwksRefreshRequest"
              },
              "examples": {
                "refresh": {
                  "summary": "Ask for an immediate refresh",
                  "value": {
                    "spec": {
                      "jwks_status": "REFRESHED"
                    }
                  }
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The key-set state after the refresh request.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
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
                  "$ref": "#/components/schemas/Jwks"
                },
                "examples": {
                  "fetched": {
                    "summary": "Keys were fetched successfully",
                    "value": {
                      "api_version": "iam/v2",
                      "kind": "Jwks",
                      "spec": {
                        "jwks_status": "REFRESHED"
                      },
                      "status": {
                        "jwks_status": "REFRESHED",
                        "jwks_last_refresh_at": "2025-06-01T12:00:05Z"
                      }
                    }
                  },
                  "fetchFailed": {
                    "summary": "The key-set URL could not be read",
                    "value": {
                      "api_version": "iam/v2",
                      "kind": "Jwks",
                      "spec": {
                        "jwks_status": "REFRESHED"
                      },
                      "status": {
                        "jwks_status": "ERROR_FETCHING_JWKS",
                        "jwks_last_refresh_at": "2025-05-30T04:10:00Z"
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
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "500": {
            "$ref": "#/components/responses/ServerError"
          }
        }
      }
    },
    "/iam/v2/identity-providers/{provider_id}/identity-pools": {
      "parameters": [
        {
          "$ref": "#/components/parameters/ProviderId"
        }
      ],
      "get": {
        "operationId": "listIamV2IdentityPools",
        "summary": "List identity pools of a provider",
        "description": "Returns one page of the identity pools that belong to the given identity provider. Follow\n`metadata.next` to read further pages.\n",
        "tags": [
          "Identity Pools (iam/v2)"
        ],
        "security": [
          {
            "cloud-api-key": []
          },
          {
            "confluent-sts-access-token": []
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/PageSize"
          },
          {
            "$ref": "#/components/parameters/PageToken"
          }
        ],
        "responses": {
          "200": {
            "description": "A page of identity pools.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
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
                  "$ref": "#/components/schemas/IdentityPoolList"
                },
                "examples": {
                  "onePool": {
                    "summary": "A single page holding one pool",
                    "value": {
                      "api_version": "iam/v2",
                      "kind": "IdentityPoolList",
                      "metadata": {
                        "first": "https://api.confluent.cloud/iam/v2/identity-providers/op-abc123/identity-pools",
                        "total_size": 1
                      },
                      "data": [
                        {
                          "id": "pool-abc123",
                          "metadata": {
                            "self": "https://api.confluent.cloud/iam/v2/identity-providers/op-abc123/identity-pools/pool-abc123",
                            "resource_name": "crn://confluent.cloud/organization=0f0e0d0c-0000-4000-8000-0000000000aa/identity-provider=op-abc123/identity-pool=pool-abc123",
                            "created_at": "2025-02-11T10:00:00Z",
                            "updated_at": "2025-02-11T10:00:00Z"
                          },
                          "display_name": "Kafka producers",
                          "description": "CI jobs that publish to production topics",
                          "identity_claim": "claims.sub",
                          "filter": "claims.aud == \"confluent\" && \"producers\" in claims.groups",
                          "principal": "pool-abc123",
                          "state": "ENABLED"
                        }
                      ]
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
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "500": {
            "$ref": "#/components/responses/ServerError"
          }
        }
      },
      "post": {
        "operationId": "createIamV2IdentityPool",
        "summary": "Add an identity pool to a provider",
        "description": "Creates an identity pool under the given provider. `display_name`, `description`,\n`identity_claim` and `filter` must be given. Optionally `assigned_resource_owner` names a\nprincipal that becomes owner of the new pool.\n",
        "tags": [
          "Identity Pools (iam/v2)"
        ],
        "security": [
          {
            "cloud-api-key": []
          },
          {
            "confluent-sts-access-token": []
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/AssignedResourceOwner"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "required": [
                  "display_name",
                  "description",
                  "identity_claim",
                  "filter"
                ],
                "allOf": [
                  {
                    "$ref": "#/components/schemas/IdentityPool"
                  }
                ]
              },
              "examples": {
                "producers": {
                  "summary": "Pool for tokens carrying a given group",
                  "value": {
                    "display_name": "Kafka producers",
                    "description": "CI jobs that publish to production topics",
                    "identity_claim": "claims.sub",
                    "filter": "claims.aud == \"confluent\" && \"producers\" in claims.groups"
                  }
                }
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The pool was created; `Location` points at it.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-RateLimit-Limit": {
                "$ref": "#/components/headers/X-RateLimit-Limit"
              },
              "X-RateLimit-Remaining": {
                "$ref": "#/components/headers/X-RateLimit-Remaining"
              },
              "X-RateLimit-Reset": {
                "$ref": "#/components/headers/X-RateLimit-Reset"
              },
              "Location": {
                "$ref": "#/components/headers/Location"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/IdentityPoolResource"
                },
                "examples": {
                  "created": {
                    "$ref": "#/components/examples/IdentityPoolResource"
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "402": {
            "$ref": "#/components/responses/QuotaExceeded"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "500": {
            "$ref": "#/components/responses/ServerError"
          }
        }
      }
    },
    "/iam/v2/identity-providers/{provider_id}/identity-pools/{id}": {
      "parameters": [
        {
          "$ref": "#/components/parameters/ProviderId"
        },
        {
          "$ref": "#/components/parameters/IdentityPoolId"
        }
      ],
      "get": {
        "operationId": "getIamV2IdentityPool",
        "summary": "Get one identity pool",
        "description": "Returns a single identity pool of the given provider.",
        "tags": [
          "Identity Pools (iam/v2)"
        ],
        "security": [
          {
            "cloud-api-key": []
          },
          {
            "confluent-sts-access-token": []
          }
        ],
        "responses": {
          "200": {
            "description": "The identity pool.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
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
                  "$ref": "#/components/schemas/IdentityPoolResource"
                },
                "examples": {
                  "pool": {
                    "$ref": "#/components/examples/IdentityPoolResource"
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "500": {
            "$ref": "#/components/responses/ServerError"
          }
        }
      },
      "patch": {
        "operationId": "updateIamV2IdentityPool",
        "summary": "Change fields of an identity pool",
        "description": "Changes some fields of an identity pool; fields left out keep their value.",
        "tags": [
          "Identity Pools (iam/v2)"
        ],
        "x-idempotent": true,
        "security": [
          {
            "cloud-api-key": []
          },
          {
            "confluent-sts-access-token": []
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/IdentityPool"
              },
              "examples": {
                "narrowFilter": {
                  "summary": "Tighten the claim filter",
                  "value": {
                    "filter": "claims.aud == \"confluent\" && \"producers\" in claims.groups && claims.env == \"prod\""
                  }
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The pool after the update.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
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
                  "$ref": "#/components/schemas/IdentityPoolResource"
                },
                "examples": {
                  "updated": {
                    "summary": "Pool with the tighter filter",
                    "value": {
                      "api_version": "iam/v2",
                      "kind": "IdentityPool",
                      "id": "pool-abc123",
                      "metadata": {
                        "self": "https://api.confluent.cloud/iam/v2/identity-providers/op-abc123/identity-pools/pool-abc123",
                        "resource_name": "crn://confluent.cloud/organization=0f0e0d0c-0000-4000-8000-0000000000aa/identity-provider=op-abc123/identity-pool=pool-abc123",
                        "created_at": "2025-02-11T10:00:00Z",
                        "updated_at": "2025-05-06T14:45:00Z"
                      },
                      "display_name": "Kafka producers",
                      "description": "CI jobs that publish to production topics",
                      "identity_claim": "claims.sub",
                      "filter": "claims.aud == \"confluent\" && \"producers\" in claims.groups && claims.env == \"prod\"",
                      "principal": "pool-abc123",
                      "state": "ENABLED"
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
            "$ref": "#/components/responses/Unauthenticated"
          },
          "402": {
            "$ref": "#/components/responses/QuotaExceeded"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "500": {
            "$ref": "#/components/responses/ServerError"
          }
        }
      },
      "delete": {
        "operationId": "deleteIamV2IdentityPool",
        "summary": "Remove an identity pool",
        "description": "Starts removal of an identity pool. The response carries no body; removal may finish after\nthe call returns.\n",
        "tags": [
          "Identity Pools (iam/v2)"
        ],
        "x-idempotent": true,
        "security": [
          {
            "cloud-api-key": []
          },
          {
            "confluent-sts-access-token": []
          }
        ],
        "responses": {
          "204": {
            "description": "Deletion of the pool has been accepted.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
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
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthenticated"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "500": {
            "$ref": "#/components/responses/ServerError"
          }
        }
      }
    },
    "/sts/v1/oauth2/token": {
      "post": {
        "operationId": "exchangeStsV1OauthToken",
        "summary": "Exchange an external token for a Confluent access token",
        "description": "Token exchange in the style of RFC 8693: the caller posts a JWT issued by a registered\nidentity provider together with the ID of an identity pool that should match it, and gets\nback a Confluent access token. No credentials are sent in headers. The returned token is\nused as `Authorization: Bearer <access_token>` (the `confluent-sts-access-token` scheme)\nuntil it expires; `expires_in` can ask for at most 900 seconds.\n",
        "tags": [
          "OAuth Tokens (sts/v1)"
        ],
        "security": [],
        "requestBody": {
          "required": true,
          "content": {
            "application/x-www-form-urlencoded": {
              "schema": {
                "$ref": "#/components/schemas/TokenExchangeRequest"
              },
              "examples": {
                "exchange": {
                  "summary": "Exchange for a 15-minute token",
                  "value": {
                    "grant_type": "urn:ietf:params:oauth:grant-type:token-exchange",
                    "subject_token": "eyJhbGciOiJSUzI1NiJ9.ZmFrZS1wYXlsb2Fk.ZmFrZS1zaWduYXR1cmU",
                    "identity_pool_id": "pool-abc123",
                    "subject_token_type": "urn:ietf:params:oauth:token-type:jwt",
                    "requested_token_type": "urn:ietf:params:oauth:token-type:access_token",
                    "expires_in": 900
                  }
                },
                "defaultLifetime": {
                  "summary": "Leave the lifetime to the server default",
                  "value": {
                    "grant_type": "urn:ietf:params:oauth:grant-type:token-exchange",
                    "subject_token": "eyJhbGciOiJSUzI1NiJ9.ZmFrZS1wYXlsb2Fk.ZmFrZS1zaWduYXR1cmU",
                    "identity_pool_id": "pool-abc123",
                    "subject_token_type": "urn:ietf:params:oauth:token-type:jwt",
                    "requested_token_type": "urn:ietf:params:oauth:token-type:access_token"
                  }
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The exchange succeeded.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/TokenExchangeReply"
                },
                "examples": {
                  "issued": {
                    "summary": "A Confluent bearer token",
                    "value": {
                      "access_token": "eyJhbGciOiJSUzI1NiJ9.Y29uZmx1ZW50LWZha2U.c2lnbmF0dXJlLWZha2U",
                      "issued_token_type": "urn:ietf:params:oauth:token-type:access_token",
                      "token_type": "Bearer",
                      "expires_in": 900
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "429": {
            "$ref": "#/components/responses/RateLimited"
          },
          "500": {
            "$ref": "#/components/responses/ServerError"
          }
        }
      }
    }
  },
  "components": {
    "securitySchemes": {
      "cloud-api-key": {
        "type": "http",
        "scheme": "basic",
        "description": "Cloud API key sent with HTTP Basic authentication: the key ID is the user name and the key\nsecret is the password.\n"
      },
      "confluent-sts-access-token": {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "JWT",
        "description": "Access token (a JWT) issued by Confluent's Security Token Service, sent as\n`Authorization: Bearer <token>`. Obtain it with `exchangeStsV1OauthToken`\n(`POST /sts/v1/oauth2/token`) and reuse it until shortly before it expires.\n\nConfluent's own spec declares this scheme as `oauth2` with a client-credentials flow whose\ntoken URL is `/sts/v1/oauth2/token`. That endpoint is an RFC 8693 token exchange\n(`grant_type=urn:ietf:params:oauth:grant-type:token-exchange`), not a client-credentials\ngrant, and OpenAPI has no flow for token exchange, so tools that follow the `oauth2`\ndeclaration would ask for a client ID and secret the endpoint does not take. On the wire\nboth declarations mean the same `Authorization: Bearer <token>` header (Confluent's\nTerraform provider sends exactly that), so it is declared here as HTTP bearer.\n"
      }
    },
    "parameters": {
      "PageSize": {
        "name": "page_size",
        "in": "query",
        "required": false,
        "description": "Largest number of items to return in one page. Only honoured on the first request of a\nlisting; later pages keep the size chosen then.\n",
        "schema": {
          "type": "integer",
          "default": 10,
          "maximum": 100
        },
        "example": 50
      },
      "PageToken": {
        "name": "page_token",
        "in": "query",
        "required": false,
        "description": "Opaque cursor selecting a page. Take it from the URL in `metadata.next` (or `prev`, `first`,\n`last`) of the previous response; do not construct or change it.\n",
        "schema": {
          "type": "string",
          "maxLength": 255
        },
        "example": "tok-page2-fake"
      },
      "IdentityProviderId": {
        "name": "id",
        "in": "path",
        "required": true,
        "description": "ID of the identity provider.",
        "schema": {
          "type": "string"
        },
        "example": "op-abc123"
      },
      "ProviderId": {
        "name": "provider_id",
        "in": "path",
        "required": true,
        "description": "ID of the identity provider that owns the resource.",
        "schema": {
          "type": "string"
        },
        "example": "op-abc123"
      },
      "IdentityPoolId": {
        "name": "id",
        "in": "path",
        "required": true,
        "description": "ID of the identity pool.",
        "schema": {
          "type": "string"
        },
        "example": "pool-abc123"
      },
      "AssignedResourceOwner": {
        "name": "assigned_resource_owner",
        "in": "query",
        "required": false,
        "description": "Principal that is made resource owner of the new pool: a group (`group-…`), user (`u-…`),\nservice account (`sa-…`) or identity pool (`pool-…`) ID.\n",
        "schema": {
          "type": "string"
        },
        "example": "sa-xyz789"
      }
    },
    "headers": {
      "X-Request-Id": {
        "description": "Identifier Confluent assigned to this request. Sent on success and error responses; quote it\nwhen reporting a problem to Confluent.\n",
        "schema": {
          "type": "string"
        },
        "example": "7d3f1a2b-0000-4000-8000-00000000beef"
      },
      "X-RateLimit-Limit": {
        "description": "Number of requests the caller may make within the current rate-limit window.",
        "schema": {
          "type": "integer"
        },
        "example": 120
      },
      "X-RateLimit-Remaining": {
        "description": "Number of requests the caller still has left in the current rate-limit window.",
        "schema": {
          "type": "integer"
        },
        "example": 97
      },
      "X-RateLimit-Reset": {
        "description": "Number of seconds from now until the current rate-limit window starts over. This is a\nRELATIVE duration, not a Unix epoch timestamp (unlike the header of the same name used by\nGitHub or Twitter); add it to the time the response was received to get the reset moment.\n",
        "schema": {
          "type": "integer"
        },
        "example": 42
      },
      "Retry-After": {
        "description": "Number of seconds to wait before sending another request, i.e. until the rate-limit window\nresets. Only present once the limit has been reached (HTTP 429).\n",
        "schema": {
          "type": "integer"
        },
        "example": 42
      },
      "Location": {
        "description": "Absolute URL of a resource. On 201 it is the address of the resource just created (for\nexample `/iam/v2/identity-providers/{id}` or\n`/iam/v2/identity-providers/{provider_id}/identity-pools/{id}`); on 409 it is the address of\nthe existing resource the request conflicts with.\n",
        "schema": {
          "type": "string",
          "format": "uri"
        },
        "example": "https://api.confluent.cloud/iam/v2/identity-providers/op-abc123"
      },
      "WWW-Authenticate": {
        "description": "Authentication challenge sent with 401: names the expected scheme (for example `Basic`) and\nmay add `error` and `error_description` parameters explaining why the credentials were\nrejected.\n",
        "schema": {
          "type": "string"
        }
      }
    },
    "responses": {
      "BadRequest": {
        "description": "The request is malformed or a parameter is invalid. Some quota violations are reported with\nthis status instead of 402.\n",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Failure"
            },
            "examples": {
              "badPageToken": {
                "summary": "Unusable pagination cursor",
                "value": {
                  "errors": [
                    {
                      "id": "3b9e6c10-0000-4000-8000-000000000400",
                      "status": "400",
                      "code": "invalid_page_token",
                      "title": "Invalid page token",
                      "detail": "The page_token does not belong to this listing.",
                      "source": {
                        "parameter": "page_token"
                      }
                    }
                  ]
                }
              }
            }
          }
        }
      },
      "Unauthenticated": {
        "description": "No valid credentials were supplied (missing, malformed, expired or revoked).",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          },
          "WWW-Authenticate": {
            "$ref": "#/components/headers/WWW-Authenticate"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Failure"
            },
            "examples": {
              "missingCredentials": {
                "summary": "Credentials absent or rejected",
                "value": {
                  "errors": [
                    {
                      "id": "3b9e6c10-0000-4000-8000-000000000401",
                      "status": "401",
                      "code": "user_unauthenticated",
                      "title": "Authentication required",
                      "detail": "The request did not carry usable credentials."
                    }
                  ]
                }
              }
            }
          }
        }
      },
      "QuotaExceeded": {
        "description": "Completing the request would exceed an organization or provider quota.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Failure"
            },
            "examples": {
              "tooManyPools": {
                "summary": "Pool quota reached",
                "value": {
                  "errors": [
                    {
                      "id": "3b9e6c10-0000-4000-8000-000000000402",
                      "status": "402",
                      "code": "quota_exceeded",
                      "title": "Quota exceeded",
                      "detail": "Limit reached for quota identity_pools_per_provider."
                    }
                  ]
                }
              }
            }
          }
        }
      },
      "Forbidden": {
        "description": "The credentials are valid but do not allow this operation.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Failure"
            },
            "examples": {
              "missingRole": {
                "summary": "Caller lacks the needed role",
                "value": {
                  "errors": [
                    {
                      "id": "3b9e6c10-0000-4000-8000-000000000403",
                      "status": "403",
                      "code": "user_unauthorized",
                      "title": "Not authorized",
                      "detail": "The principal sa-xyz789 may not manage identity providers."
                    }
                  ]
                }
              }
            }
          }
        }
      },
      "NotFound": {
        "description": "The resource does not exist, or the caller is not allowed to know whether it exists.\n",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Failure"
            },
            "examples": {
              "unknownId": {
                "summary": "No such resource",
                "value": {
                  "errors": [
                    {
                      "id": "3b9e6c10-0000-4000-8000-000000000404",
                      "status": "404",
                      "title": "Not found"
                    }
                  ]
                }
              }
            }
          }
        }
      },
      "Conflict": {
        "description": "The request clashes with the current state, for example an equivalent resource already\nexists. `Location` may point at the conflicting resource.\n",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          },
          "Location": {
            "$ref": "#/components/headers/Location"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Failure"
            },
            "examples": {
              "alreadyExists": {
                "summary": "Duplicate provider",
                "value": {
                  "errors": [
                    {
                      "id": "3b9e6c10-0000-4000-8000-000000000409",
                      "status": "409",
                      "code": "resource_already_exists",
                      "title": "Resource already exists",
                      "detail": "An identity provider with this issuer is already registered."
                    }
                  ]
                }
              }
            }
          }
        }
      },
      "ValidationFailed": {
        "description": "The body is well-formed but one of its values is not acceptable.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Failure"
            },
            "examples": {
              "badIssuer": {
                "summary": "A field failed validation",
                "value": {
                  "errors": [
                    {
                      "id": "3b9e6c10-0000-4000-8000-000000000422",
                      "status": "422",
                      "code": "invalid_configuration",
                      "title": "Validation failed",
                      "detail": "The issuer must be an absolute https URL.",
                      "source": {
                        "pointer": "/issuer"
                      }
                    }
                  ]
                }
              }
            }
          }
        }
      },
      "RateLimited": {
        "description": "The caller exceeded a rate or concurrency limit. No response body is documented; wait for\n`Retry-After` seconds (or back off exponentially with jitter) before retrying.\n",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          },
          "X-RateLimit-Limit": {
            "$ref": "#/components/headers/X-RateLimit-Limit"
          },
          "X-RateLimit-Remaining": {
            "$ref": "#/components/headers/X-RateLimit-Remaining"
          },
          "X-RateLimit-Reset": {
            "$ref": "#/components/headers/X-RateLimit-Reset"
          },
          "Retry-After": {
            "$ref": "#/components/headers/Retry-After"
          }
        }
      },
      "ServerError": {
        "description": "Confluent Cloud failed to handle the request; it may be retried later.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Failure"
            },
            "examples": {
              "internal": {
                "summary": "Unexpected server-side failure",
                "value": {
                  "errors": [
                    {
                      "id": "3b9e6c10-0000-4000-8000-000000000500",
                      "status": "500",
                      "code": "internal_error",
                      "title": "Internal error",
                      "detail": "Something went wrong on our side; please retry.",
                      "error_code": 500,
                      "message": null
                    }
                  ]
                }
              }
            }
          }
        }
      }
    },
    "examples": {
      "IdentityProviderResource": {
        "summary": "A registered identity provider",
        "value": {
          "api_version": "iam/v2",
          "kind": "IdentityProvider",
          "id": "op-abc123",
          "metadata": {
            "self": "https://api.confluent.cloud/iam/v2/identity-providers/op-abc123",
            "resource_name": "crn://confluent.cloud/organization=0f0e0d0c-0000-4000-8000-0000000000aa/identity-provider=op-abc123",
            "created_at": "2025-02-10T08:15:00Z",
            "updated_at": "2025-03-01T17:40:12Z"
          },
          "display_name": "Workforce IdP",
          "description": "Tokens for employees and CI runners",
          "identity_claim": "claims.sub",
          "state": "ENABLED",
          "issuer": "https://issuer.example.com/oauth2/default",
          "jwks_uri": "https://issuer.example.com/oauth2/default/v1/keys",
          "keys": [
            {
              "kty": "RSA",
              "kid": "fake-key-2025-01",
              "alg": "RS256"
            },
            {
              "kty": "RSA",
              "kid": "fake-key-2025-02",
              "alg": "RS256"
            }
          ]
        }
      },
      "IdentityPoolResource": {
        "summary": "An identity pool",
        "value": {
          "api_version": "iam/v2",
          "kind": "IdentityPool",
          "id": "pool-abc123",
          "metadata": {
            "self": "https://api.confluent.cloud/iam/v2/identity-providers/op-abc123/identity-pools/pool-abc123",
            "resource_name": "crn://confluent.cloud/organization=0f0e0d0c-0000-4000-8000-0000000000aa/identity-provider=op-abc123/identity-pool=pool-abc123",
            "created_at": "2025-02-11T10:00:00Z",
            "updated_at": "2025-02-11T10:00:00Z"
          },
          "display_name": "Kafka producers",
          "description": "CI jobs that publish to production topics",
          "identity_claim": "claims.sub",
          "filter": "claims.aud == \"confluent\" && \"producers\" in claims.groups",
          "principal": "pool-abc123",
          "state": "ENABLED"
        }
      }
    },
    "schemas": {
      "ObjectMeta": {
        "type": "object",
        "readOnly": true,
        "description": "Server-maintained bookkeeping data of a stored resource.",
        "required": [
          "self"
        ],
        "properties": {
          "self": {
            "type": "string",
            "format": "uri",
            "readOnly": true,
            "description": "Canonical URL of this resource in the API."
          },
          "resource_name": {
            "type": "string",
            "format": "uri",
            "readOnly": true,
            "description": "Confluent Resource Name (CRN), a globally unique `crn://` identifier."
          },
          "created_at": {
            "type": "string",
            "format": "date-time",
            "readOnly": true,
            "description": "Creation time (RFC 3339, UTC)."
          },
          "updated_at": {
            "type": "string",
            "format": "date-time",
            "readOnly": true,
            "description": "Time of the last change (RFC 3339, UTC)."
          },
          "deleted_at": {
            "type": "string",
            "format": "date-time",
            "readOnly": true,
            "description": "Time at which the resource was or will be removed (RFC 3339, UTC)."
          }
        }
      },
      "ListMeta": {
        "type": "object",
        "readOnly": true,
        "description": "Navigation data of a paged collection. Each link is a complete URL; a missing or `null`\nlink means that direction is not available (no `next` means there is no more data).\n",
        "properties": {
          "first": {
            "type": [
              "string",
              "null"
            ],
            "format": "uri",
            "description": "URL of the first page."
          },
          "last": {
            "type": [
              "string",
              "null"
            ],
            "format": "uri",
            "description": "URL of the last page."
          },
          "prev": {
            "type": [
              "string",
              "null"
            ],
            "format": "uri",
            "description": "URL of the previous page."
          },
          "next": {
            "type": [
              "string",
              "null"
            ],
            "format": "uri",
            "description": "URL of the next page; absent or `null` on the last page."
          },
          "total_size": {
            "type": "integer",
            "format": "int32",
            "minimum": 0,
            "description": "Number of items in the whole collection, not only in this page."
          }
        }
      },
      "IdentityProvider": {
        "type": "object",
        "description": "An external OAuth / OpenID Connect issuer trusted by Confluent Cloud. Fields are laid out\nflat (no spec/status split). Which fields are guaranteed depends on the operation; request\nbodies only carry the writable fields.\n",
        "properties": {
          "api_version": {
            "type": "string",
            "enum": [
              "iam/v2"
            ],
            "readOnly": true,
            "description": "API group and version of this representation."
          },
          "kind": {
            "type": "string",
            "enum": [
              "IdentityProvider"
            ],
            "readOnly": true,
            "description": "Resource type of this object."
          },
          "id": {
            "type": "string",
            "maxLength": 255,
            "readOnly": true,
            "description": "Server-assigned ID of the provider (looks like `op-…`)."
          },
          "metadata": {
            "$ref": "#/components/schemas/ObjectMeta"
          },
          "display_name": {
            "type": "string",
            "description": "Human-friendly name of the provider."
          },
          "description": {
            "type": "string",
            "description": "Free-text explanation of what the provider is used for."
          },
          "identity_claim": {
            "type": "string",
            "description": "Token claim whose value identifies the caller, written as `claims.<name>` (for example\n`claims.sub`); it is recorded in audit logs. When a request maps to a single identity\npool, that pool's own `identity_claim` is used instead. Marked Early Access by Confluent.\n"
          },
          "state": {
            "type": "string",
            "readOnly": true,
            "description": "Lifecycle state of the provider.",
            "x-extensible-enum": [
              "ENABLED"
            ]
          },
          "issuer": {
            "type": "string",
            "format": "uri",
            "description": "Public URL that identifies the issuer; must match the `iss` of its tokens. Can be changed."
          },
          "jwks_uri": {
            "type": "string",
            "format": "uri",
            "description": "Public URL of the issuer's JSON Web Key Set used to verify token signatures. Can be changed."
          },
          "keys": {
            "type": "array",
            "readOnly": true,
            "description": "Keys Confluent currently holds for this provider; only identifying fields are returned.",
            "items": {
              "$ref": "#/components/schemas/JwksKey"
            }
          }
        }
      },
      "IdentityProviderResource": {
        "description": "An identity provider as returned by the create, read and update operations. Confluent's own\nspec lists the server-assigned fields (`api_version`, `kind`, `id`, `state`) as required on\nread and update only; a created provider is the same resource (its `Location` header points\nat it), so they are required here on create too.\n",
        "type": "object",
        "required": [
          "api_version",
          "kind",
          "id",
          "display_name",
          "description",
          "state",
          "issuer",
          "jwks_uri"
        ],
        "allOf": [
          {
            "$ref": "#/components/schemas/IdentityProvider"
          }
        ]
      },
      "IdentityProviderList": {
        "type": "object",
        "description": "One page of identity providers.",
        "required": [
          "api_version",
          "kind",
          "metadata",
          "data"
        ],
        "properties": {
          "api_version": {
            "type": "string",
            "enum": [
              "iam/v2"
            ],
            "readOnly": true,
            "description": "API group and version of this representation."
          },
          "kind": {
            "type": "string",
            "enum": [
              "IdentityProviderList"
            ],
            "readOnly": true,
            "description": "Resource type of this object."
          },
          "metadata": {
            "$ref": "#/components/schemas/ListMeta"
          },
          "data": {
            "type": "array",
            "uniqueItems": true,
            "description": "The providers on this page.",
            "items": {
              "type": "object",
              "required": [
                "id",
                "metadata",
                "display_name",
                "description",
                "state",
                "issuer",
                "jwks_uri"
              ],
              "allOf": [
                {
                  "$ref": "#/components/schemas/IdentityProvider"
                }
              ]
            }
          }
        }
      },
      "JwksKey": {
        "type": "object",
        "description": "One public key of a provider's key set, in JSON Web Key notation.",
        "required": [
          "kty",
          "kid",
          "alg"
        ],
        "properties": {
          "kty": {
            "type": "string",
            "description": "Key family.",
            "x-extensible-enum": [
              "RSA"
            ]
          },
          "kid": {
            "type": "string",
            "description": "Key ID assigned by the identity provider."
          },
          "alg": {
            "type": "string",
            "description": "Signature algorithm the key is used with, such as `RS256`."
          },
          "use": {
            "type": "string",
            "description": "Intended use of the key, such as `sig`."
          },
          "n": {
            "type": "string",
            "description": "RSA modulus, base64url encoded."
          },
          "e": {
            "type": "string",
            "description": "RSA public exponent, base64url encoded (commonly `AQAB`)."
          }
        }
      },
      "JwksRefreshRequest": {
        "type": "object",
        "description": "Body of a JWKS refresh request; it only states the desired key-set state. Every field is\noptional, as in Confluent's spec and SDKs.\n",
        "properties": {
          "spec": {
            "type": "object",
            "description": "Desired state.",
            "properties": {
              "jwks_status": {
                "type": "string",
                "x-extensible-enum": [
                  "REFRESHED"
                ],
                "default": "REFRESHED",
                "description": "Desired state of the key set; `REFRESHED` (\"fetch the key set now\") is the only value\nConfluent documents. An open list, as in Confluent's spec.\n"
              }
            }
          }
        }
      },
      "Jwks": {
        "type": "object",
        "description": "State of a provider's key set as reported after a refresh request.",
        "required": [
          "api_version",
          "kind",
          "spec"
        ],
        "properties": {
          "api_version": {
            "type": "string",
            "enum": [
              "iam/v2"
            ],
            "readOnly": true,
            "description": "API group and version of this representation."
          },
          "kind": {
            "type": "string",
            "enum": [
              "Jwks"
            ],
            "readOnly": true,
            "description": "Resource type of this object."
          },
          "spec": {
            "$ref": "#/components/schemas/JwksSpec"
          },
          "status": {
            "$ref": "#/components/schemas/JwksStatus"
          }
        }
      },
      "JwksSpec": {
        "type": "object",
        "description": "The desired key-set state, echoed back.",
        "required": [
          "jwks_status"
        ],
        "properties": {
          "jwks_status": {
            "type": "string",
            "description": "Requested state of the key set.",
            "x-extensible-enum": [
              "REFRESHED"
            ]
          }
        }
      },
      "JwksStatus": {
        "type": "object",
        "readOnly": true,
        "description": "Observed key-set state.",
        "properties": {
          "jwks_status": {
            "type": "string",
            "description": "Outcome of the latest key-set fetch: refreshed or current (`REFRESHED`, `OK`), the\nkey-set URL is not usable (`INVALID_JWKS_URI`), or the download failed\n(`ERROR_FETCHING_JWKS`). Further values may appear.\n",
            "x-extensible-enum": [
              "REFRESHED",
              "OK",
              "INVALID_JWKS_URI",
              "ERROR_FETCHING_JWKS"
            ]
          },
          "jwks_last_refresh_at": {
            "type": "string",
            "format": "date-time",
            "description": "When the key set was last fetched successfully."
          }
        }
      },
      "IdentityPool": {
        "type": "object",
        "description": "A group of external identities of one provider, selected by a CEL filter over token claims.\nWhich fields are guaranteed depends on the operation; request bodies only carry the writable\nfields.\n",
        "properties": {
          "api_version": {
            "type": "string",
            "enum": [
              "iam/v2"
            ],
            "readOnly": true,
            "description": "API group and version of this representation."
          },
          "kind": {
            "type": "string",
            "enum": [
              "IdentityPool"
            ],
            "readOnly": true,
            "description": "Resource type of this object."
          },
          "id": {
            "type": "string",
            "maxLength": 255,
            "readOnly": true,
            "description": "Server-assigned ID of the pool (looks like `pool-…`)."
          },
          "metadata": {
            "$ref": "#/components/schemas/ObjectMeta"
          },
          "display_name": {
            "type": "string",
            "description": "Human-friendly name of the pool."
          },
          "description": {
            "type": "string",
            "description": "Free-text explanation of what the pool is for."
          },
          "identity_claim": {
            "type": "string",
            "description": "Token claim whose value identifies the caller within this pool, written as\n`claims.<name>` (for example `claims.sub`); it is recorded in audit logs.\n"
          },
          "filter": {
            "type": "string",
            "maxLength": 300,
            "description": "Common Expression Language (CEL) condition over the token's `claims`; only tokens for\nwhich it is true belong to the pool.\n"
          },
          "principal": {
            "type": "string",
            "readOnly": true,
            "description": "Federated principal that represents the pool in role bindings."
          },
          "state": {
            "type": "string",
            "readOnly": true,
            "description": "Lifecycle state of the pool.",
            "x-extensible-enum": [
              "ENABLED"
            ]
          }
        }
      },
      "IdentityPoolResource": {
        "description": "An identity pool as returned by the create, read and update operations. Confluent's own spec\nlists the server-assigned fields (`api_version`, `kind`, `id`, `principal`, `state`) as\nrequired on read and update only; a created pool is the same resource (its `Location` header\npoints at it), so they are required here on create too.\n",
        "type": "object",
        "required": [
          "api_version",
          "kind",
          "id",
          "display_name",
          "description",
          "identity_claim",
          "filter",
          "principal",
          "state"
        ],
        "allOf": [
          {
            "$ref": "#/components/schemas/IdentityPool"
          }
        ]
      },
      "IdentityPoolList": {
        "type": "object",
        "description": "One page of identity pools.",
        "required": [
          "api_version",
          "kind",
          "metadata",
          "data"
        ],
        "properties": {
          "api_version": {
            "type": "string",
            "enum": [
              "iam/v2"
            ],
            "readOnly": true,
            "description": "API group and version of this representation."
          },
          "kind": {
            "type": "string",
            "enum": [
              "IdentityPoolList"
            ],
            "readOnly": true,
            "description": "Resource type of this object."
          },
          "metadata": {
            "$ref": "#/components/schemas/ListMeta"
          },
          "data": {
            "type": "array",
            "uniqueItems": true,
            "description": "The pools on this page.",
            "items": {
              "type": "object",
              "required": [
                "id",
                "metadata",
                "display_name",
                "description",
                "identity_claim",
                "filter",
                "principal",
                "state"
              ],
              "allOf": [
                {
                  "$ref": "#/components/schemas/IdentityPool"
                }
              ]
            }
          }
        }
      },
      "TokenExchangeRequest": {
        "type": "object",
        "description": "Form fields of a token exchange.",
        "required": [
          "grant_type",
          "subject_token",
          "identity_pool_id",
          "subject_token_type",
          "requested_token_type"
        ],
        "properties": {
          "grant_type": {
            "type": "string",
            "x-extensible-enum": [
              "urn:ietf:params:oauth:grant-type:token-exchange"
            ],
            "description": "Grant being used. The token-exchange grant is the only one Confluent accepts today; the\nlist is open, as in Confluent's spec.\n"
          },
          "subject_token": {
            "x-secret": true,
            "type": "string",
            "writeOnly": true,
            "description": "The JWT access token issued by the external identity provider."
          },
          "identity_pool_id": {
            "type": "string",
            "description": "ID of the identity pool the token should be mapped to."
          },
          "subject_token_type": {
            "type": "string",
            "x-extensible-enum": [
              "urn:ietf:params:oauth:token-type:jwt"
            ],
            "description": "Type of `subject_token`. Only JWTs are accepted today; the list is open, as in\nConfluent's spec.\n"
          },
          "requested_token_type": {
            "type": "string",
            "x-extensible-enum": [
              "urn:ietf:params:oauth:token-type:access_token"
            ],
            "description": "Type of token wanted in return. Only access tokens are issued today; the list is open,\nas in Confluent's spec.\n"
          },
          "expires_in": {
            "type": "integer",
            "format": "int32",
            "default": 900,
            "maximum": 900,
            "description": "Wanted lifetime of the issued token in seconds (at most 900)."
          }
        }
      },
      "TokenExchangeReply": {
        "type": "object",
        "description": "Result of a successful token exchange.",
        "required": [
          "access_token",
          "issued_token_type",
          "token_type",
          "expires_in"
        ],
        "properties": {
          "access_token": {
            "x-secret": true,
            "type": "string",
            "description": "Confluent-issued JWT; send it as a Bearer token."
          },
          "issued_token_type": {
            "type": "string",
            "description": "Type of the issued token; mirrors `requested_token_type`.",
            "x-extensible-enum": [
              "urn:ietf:params:oauth:token-type:access_token"
            ]
          },
          "token_type": {
            "type": "string",
            "description": "How to present the token; Confluent issues Bearer tokens.",
            "x-extensible-enum": [
              "Bearer"
            ]
          },
          "expires_in": {
            "type": "integer",
            "format": "int32",
            "description": "Seconds the token remains valid from the time it was issued."
          }
        }
      },
      "Failure": {
        "type": "object",
        "description": "Error document returned when an operation fails.",
        "required": [
          "errors"
        ],
        "properties": {
          "errors": {
            "type": "array",
            "uniqueItems": true,
            "description": "The problems that made the operation fail.",
            "items": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "Error": {
        "type": "object",
        "description": "One problem found while handling the request. All fields are optional.",
        "properties": {
          "id": {
            "type": "string",
            "maxLength": 255,
            "description": "Identifier of this occurrence of the problem."
          },
          "status": {
            "type": "string",
            "description": "HTTP status code as a string, for example `\"404\"`."
          },
          "code": {
            "type": "string",
            "description": "Machine-readable error code, such as `user_unauthenticated`, `user_unauthorized`,\n`quota_exceeded`, `resource_already_exists` or `invalid_configuration`.\n"
          },
          "title": {
            "type": "string",
            "description": "Short summary of the kind of problem; stable across occurrences."
          },
          "detail": {
            "type": "string",
            "description": "Explanation specific to this occurrence."
          },
          "source": {
            "$ref": "#/components/schemas/ErrorSource"
          },
          "error_code": {
            "type": "integer",
            "format": "int32",
            "description": "Numeric error code; sent by some services only."
          },
          "message": {
            "type": [
              "string",
              "null"
            ],
            "description": "Additional message text; sent by some services only."
          }
        }
      },
      "ErrorSource": {
        "type": "object",
        "description": "Part of the request that caused the problem, when one can be named.",
        "properties": {
          "pointer": {
            "type": "string",
            "description": "JSON Pointer (RFC 6901) into the request body, for example `/issuer`."
          },
          "parameter": {
            "type": "string",
            "description": "Name of the query parameter at fault."
          }
        }
      }
    }
  }
};
