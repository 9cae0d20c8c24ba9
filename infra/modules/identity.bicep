// Two user-assigned identities, so each has one job:
// - runtime: what the Functions host and the app's DefaultAzureCredential sign in as (storage, Cosmos DB, Service
//   Bus, email, Key Vault, Application Insights);
// - auth: only Easy Auth's client assertion for the Entra app registration (a federated identity credential,
//   instead of a client secret). Microsoft's guidance is to give that identity to nothing else.
param location string
param tags object
param resourceToken string

resource runtime 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-api-${resourceToken}'
  location: location
  tags: tags
}

resource auth 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-auth-${resourceToken}'
  location: location
  tags: tags
}

output runtimeId string = runtime.id
output runtimeClientId string = runtime.properties.clientId
output runtimePrincipalId string = runtime.properties.principalId
output authId string = auth.id
output authClientId string = auth.properties.clientId
output authPrincipalId string = auth.properties.principalId
