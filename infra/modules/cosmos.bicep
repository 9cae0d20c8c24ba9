// Cosmos DB for NoSQL, serverless (pay per request and per GB stored), keys switched off: the app signs in with
// its identity and the Cosmos DB Built-in Data Contributor role (modules/role-assignments.bicep).
param location string
param tags object
param resourceToken string

// Mirrors shared/cosmos/containers.ts, the one declaration; test/unit/infra/drift.test.ts compares the two.
var databaseName = 'partner-relationships'
var containers = [
  {
    id: 'relationships'
    partitionKeyPath: '/partnerTenantId'
    uniqueKeyPaths: ['/uniqueName']
    excludedPaths: ['/invitation/*', '/outbox/*', '/acceptance/*']
    defaultTtl: null
  }
  {
    id: 'invitation-tokens'
    partitionKeyPath: '/id'
    uniqueKeyPaths: []
    excludedPaths: []
    defaultTtl: null
  }
  {
    id: 'customer-relationships'
    partitionKeyPath: '/customerTenantId'
    uniqueKeyPaths: []
    excludedPaths: []
    defaultTtl: null
  }
  {
    id: 'audit'
    partitionKeyPath: '/relationshipId'
    uniqueKeyPaths: []
    excludedPaths: ['/before/*', '/after/*']
    defaultTtl: null
  }
  {
    id: 'tenants'
    partitionKeyPath: '/tenantId'
    uniqueKeyPaths: []
    excludedPaths: []
    defaultTtl: null
  }
  {
    id: 'access'
    partitionKeyPath: '/customerTenantId'
    uniqueKeyPaths: []
    excludedPaths: []
    defaultTtl: null
  }
  {
    id: 'limits'
    partitionKeyPath: '/id'
    uniqueKeyPaths: []
    excludedPaths: []
    // On, with no default: each count document carries its own ttl.
    defaultTtl: -1
  }
  {
    id: 'purchases'
    partitionKeyPath: '/customerTenantId'
    uniqueKeyPaths: []
    excludedPaths: ['/product/?', '/agreementNumber/?', '/partner/*', '/recordedBy/*', '/idempotency/*']
    defaultTtl: null
  }
  {
    id: 'devices'
    partitionKeyPath: '/customerTenantId'
    uniqueKeyPaths: []
    excludedPaths: ['/hardwareHash/?']
    defaultTtl: null
  }
  {
    id: 'relationship-templates'
    partitionKeyPath: '/partnerTenantId'
    uniqueKeyPaths: ['/uniqueName']
    excludedPaths: []
    defaultTtl: null
  }
  {
    id: 'invitation-batches'
    partitionKeyPath: '/partnerTenantId'
    uniqueKeyPaths: []
    excludedPaths: ['/rows/*', '/outbox/*', '/template/*']
    defaultTtl: null
  }
]

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  name: 'cosmos-${resourceToken}'
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    capabilities: [
      {
        name: 'EnableServerless'
      }
    ]
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: 'Enabled'
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: {
      id: databaseName
    }
  }
}

// The same indexing policy the local runtime creates (local/cosmos/ensure-resources.ts): everything indexed except
// _etag and the paths nothing queries.
resource sqlContainers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = [
  for container in containers: {
    parent: database
    name: container.id
    properties: {
      resource: {
        id: container.id
        partitionKey: {
          paths: [container.partitionKeyPath]
          kind: 'Hash'
          version: 2
        }
        // null leaves time to live off (Cosmos DB's default); -1 turns it on for items that carry a ttl.
        defaultTtl: container.defaultTtl
        uniqueKeyPolicy: empty(container.uniqueKeyPaths) ? null : {
          uniqueKeys: map(container.uniqueKeyPaths, path => { paths: [path] })
        }
        indexingPolicy: {
          indexingMode: 'consistent'
          automatic: true
          includedPaths: [
            {
              path: '/*'
            }
          ]
          excludedPaths: flatten([
            [
              {
                path: '/"_etag"/?'
              }
            ]
            map(container.excludedPaths, path => { path: path })
          ])
        }
      }
    }
  }
]

output accountName string = account.name
output accountEndpoint string = account.properties.documentEndpoint
output databaseName string = database.name
