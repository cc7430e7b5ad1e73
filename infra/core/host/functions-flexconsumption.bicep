metadata description = 'A Linux function app on a Flex Consumption plan that runs as a user-assigned identity and deploys from a blob container.'

param name string
param location string
param tags object = {}
param planId string

@description('Resource id of the user-assigned identity the app runs as (storage, Key Vault references, deployment).')
param identityId string

param runtimeName string
param runtimeVersion string

@description('URL of the blob container that holds the deployment package.')
param deploymentContainerUrl string

@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

resource site 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: planId
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
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
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: runtimeName
        version: runtimeVersion
      }
    }
  }
}

output name string = site.name
output defaultHostName string = site.properties.defaultHostName
