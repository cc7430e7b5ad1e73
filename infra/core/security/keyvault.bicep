metadata description = 'A Key Vault in RBAC mode.'

param name string
param location string
param tags object = {}

@description('Days a deleted vault or secret is kept before it can be purged (7 to 90).')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int = 7

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    publicNetworkAccess: 'Enabled'
  }
}

output name string = vault.name
output id string = vault.id
// Ends with '/'; comes from the resource, so it carries the Key Vault DNS suffix of the vault's cloud.
output uri string = vault.properties.vaultUri
