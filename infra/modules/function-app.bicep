// The Function App on the Flex Consumption plan (Linux, Node 22), running the same dist/ as the local host, with
// every app setting in identity form and App Service authentication (Easy Auth) in front of the pages.
param location string
param tags object
param resourceToken string

@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

param runtimeIdentityId string
param runtimeIdentityClientId string
param authIdentityId string
param authIdentityClientId string
param storageAccountName string
param deploymentContainerUrl string
param applicationInsightsConnectionString string
param cosmosAccountEndpoint string
param cosmosDatabaseName string
param serviceBusFullyQualifiedNamespace string
param emailEndpoint string
param emailSenderAddress string
param linkTokenReferenceUri string
param authIssuer string
param authAudience string
param authJwksUri string
param authClientId string
param authOpenIdIssuer string

@description('Base of every link in an email. Empty uses the app\'s own https host name; set it when a custom domain fronts the app.')
param publicBaseUrl string = ''

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'plan-${resourceToken}'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: 'func-${resourceToken}'
  location: location
  // azd deploys the `api` service of azure.yaml to the site with this tag.
  tags: union(tags, {
    'azd-service-name': 'api'
  })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${runtimeIdentityId}': {}
      '${authIdentityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references (LINK_TOKEN_SECRET) are resolved with the runtime identity.
    keyVaultReferenceIdentity: runtimeIdentityId
    siteConfig: {
      minTlsVersion: '1.2'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: runtimeIdentityId
          }
        }
      }
      scaleAndConcurrency: {
        // No always-ready instances: an idle app costs nothing to run.
        alwaysReady: []
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: 2048
      }
      runtime: {
        name: 'node'
        version: '22'
      }
    }
  }
}

// Every setting the app reads on Azure (shared/config.ts appSettingKeys, less the emulator-only connection strings)
// plus the host's identity-based connections. No key, connection string or secret value is among them.
// Flex Consumption sets the runtime in functionAppConfig: FUNCTIONS_WORKER_RUNTIME, FUNCTIONS_EXTENSION_VERSION and
// WEBSITE_RUN_FROM_PACKAGE are deprecated there and deliberately absent.
resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: {
    // The Functions host: its storage, and the Service Bus trigger's connection "ServiceBus", by identity.
    AzureWebJobsStorage__accountName: storageAccountName
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: runtimeIdentityClientId
    ServiceBus__credential: 'managedidentity'
    ServiceBus__clientId: runtimeIdentityClientId
    // DefaultAzureCredential in the app picks the runtime identity with this.
    AZURE_CLIENT_ID: runtimeIdentityClientId
    APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${runtimeIdentityClientId};Authorization=AAD'
    // Easy Auth proves itself to Entra ID with the auth identity (a federated credential) instead of a secret.
    OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID: authIdentityClientId

    // The product (shared/config.ts).
    CosmosDb__accountEndpoint: cosmosAccountEndpoint
    COSMOS_DATABASE_NAME: cosmosDatabaseName
    ServiceBus__fullyQualifiedNamespace: serviceBusFullyQualifiedNamespace
    Email__endpoint: emailEndpoint
    EMAIL_SENDER_ADDRESS: emailSenderAddress
    AUTH_ISSUER: authIssuer
    AUTH_AUDIENCE: authAudience
    AUTH_JWKS_URI: authJwksUri
    LINK_TOKEN_SECRET: '@Microsoft.KeyVault(SecretUri=${linkTokenReferenceUri})'
    PUBLIC_BASE_URL: empty(publicBaseUrl) ? 'https://${site.properties.defaultHostName}' : publicBaseUrl
    QUEUE_RETRY_MAX_DELAY_SECONDS: '300'
    // Abuse limits (README, "Operating it"): the defaults, written out so they can be changed in the portal.
    LIMIT_INVITATIONS_PER_PARTNER_PER_HOUR: '200'
    LIMIT_INVITATIONS_PER_PARTNER_PER_DAY: '1000'
    LIMIT_RESENDS_PER_PARTNER_PER_HOUR: '50'
    LIMIT_RESENDS_PER_PARTNER_PER_DAY: '200'
    LIMIT_RESENDS_PER_INVITATION_PER_DAY: '5'
    LIMIT_INVITATION_EMAILS_PER_ADDRESS_PER_DAY: '10'
    LIMIT_CONTACT_REQUESTS_PER_CLIENT_PER_HOUR: '20'
    LIMIT_CONTACT_REQUESTS_PER_PARTNER_PER_DAY: '100'
    LIMIT_PURCHASES_PER_PARTNER_PER_DAY: '1000'
    LIMIT_DEVICE_UPLOADS_PER_PARTNER_PER_HOUR: '60'
    LIMIT_INVITATION_BATCHES_PER_PARTNER_PER_HOUR: '20'
    // No proxy of our own in front: the right-most X-Forwarded-For entry (the front end's) is the client.
    CLIENT_ADDRESS_PROXY_HOPS: '0'
    // Operators (the Operator app role) must sign in to this tenant: the one the app is deployed from.
    OPERATOR_TENANT_ID: tenant().tenantId
    EASY_AUTH_ENABLED: 'true'
    SIGN_IN_URL: '/.auth/login/aad'
    SIGN_OUT_URL: '/.auth/logout'
  }
}

// Easy Auth signs people in to the pages and passes X-MS-CLIENT-PRINCIPAL; it lets anonymous requests through so
// the API checks its own bearer tokens and the pages send people to sign in themselves. No token store: the app
// never calls another API as the user, and Flex Consumption has no file system to keep one in.
resource authSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'authsettingsV2'
  dependsOn: [
    appSettings
  ]
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: false
      unauthenticatedClientAction: 'AllowAnonymous'
    }
    httpSettings: {
      requireHttps: true
      routes: {
        apiPrefix: '/.auth'
      }
      forwardProxy: {
        convention: 'NoProxy'
      }
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: authClientId
          clientSecretSettingName: 'OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID'
          openIdIssuer: authOpenIdIssuer
        }
        validation: {
          allowedAudiences: [
            authAudience
            authClientId
          ]
        }
      }
    }
    login: {
      tokenStore: {
        enabled: false
      }
    }
  }
}

// No publishing passwords: azd deploys with Entra ID.
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

output name string = site.name
output publicBaseUrl string = empty(publicBaseUrl) ? 'https://${site.properties.defaultHostName}' : publicBaseUrl
