metadata description = 'App Service Authentication (EasyAuth) on the function app: Entra ID or any OpenID Connect provider in front, the app mapping the signed-in e-mail to a person (Auth__EasyAuth).'

@description('The function app.')
param siteName string

@description('azureActiveDirectory (Entra ID) or openIdConnect (e.g. a provincial unified identity platform).')
@allowed([
  'azureActiveDirectory'
  'openIdConnect'
])
param provider string

@description('The client (application) id registered with the provider.')
param clientId string

@description('The name of the app setting that holds the client secret (a Key Vault reference), not the secret.')
param credentialSettingName string

@description('Entra ID: the issuer, https://<login host>/<tenant id>/v2.0 (the login host differs per cloud).')
param issuer string = ''

@description('OpenID Connect: the provider\'s /.well-known/openid-configuration address.')
param openIdConfigurationUrl string = ''

@description('OpenID Connect: the provider\'s name in /.auth/login/<name>.')
param openIdProviderName string = 'oidc'

resource site 'Microsoft.Web/sites@2025-03-01' existing = {
  name: siteName
}

var entra = {
  azureActiveDirectory: {
    enabled: true
    registration: {
      clientId: clientId
      clientSecretSettingName: credentialSettingName
      openIdIssuer: issuer
    }
    validation: {
      allowedAudiences: [
        'api://${clientId}'
        clientId
      ]
    }
  }
}

var openIdConnect = {
  customOpenIdConnectProviders: {
    '${openIdProviderName}': {
      enabled: true
      registration: {
        clientId: clientId
        clientCredential: {
          clientSecretSettingName: credentialSettingName
        }
        openIdConnectConfiguration: {
          wellKnownOpenIdConfiguration: openIdConfigurationUrl
        }
      }
      login: {
        scopes: [
          'openid'
          'email'
          'profile'
        ]
      }
    }
  }
}

// Anonymous requests still reach the app: the sign-in page, e-mailed review links, /healthz and the API key's
// automation need no provider session, and the app decides every route's access itself (Access/AccessGate).
resource authSettings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: site
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: false
      unauthenticatedClientAction: 'AllowAnonymous'
    }
    identityProviders: provider == 'azureActiveDirectory' ? entra : openIdConnect
    login: {
      tokenStore: {
        enabled: false
      }
    }
    httpSettings: {
      requireHttps: true
    }
  }
}

output loginPath string = provider == 'azureActiveDirectory' ? '/.auth/login/aad' : '/.auth/login/${openIdProviderName}'
