/** Where the three services listen and the credentials a test account holds there. */
export interface SmokeTargets {
  confluent: { baseUrl: string; apiKey: { username: string; password: string } };
  ica: { baseUrl: string; apiKey: string };
  infisical: { baseUrl: string; accessToken: string; identityId: string };
}
