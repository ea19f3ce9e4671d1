/** Where a credential goes: a header, and for HTTP auth schemes the scheme word before it. */
export interface CredentialPlacement {
  header: string;
  /** "Bearer" for HTTP bearer auth; absent for API-key headers, which carry the bare key. */
  scheme?: string;
}

/** What a provider package tells the shared client: generated from its spec and the manifest. */
export interface ProviderConfig {
  name: string;
  /** The spec's first server. */
  baseUrl: string;
  /** Environment variable the API key defaults to, where an environment exists. */
  apiKeyEnvVar?: string;
  /** Where each credential goes; a credential the API has no scheme for is refused. */
  auth: {
    apiKey?: CredentialPlacement;
    bearerToken?: CredentialPlacement;
  };
}
