namespace PhiGate.Testing.Identity;

/// <summary>The Node script that runs oidc-provider for <see cref="OidcProviderFixture"/>.</summary>
internal static class OidcServerScript
{
    /// <summary>Pinned so every machine tests against the same identity provider.</summary>
    public const string PackageVersion = "9.13.3";

    public const string PackageJson = """{"private":true,"type":"module","dependencies":{"oidc-provider":""" + "\"" + PackageVersion + "\"}}";

    /// <summary>
    /// Listens on 127.0.0.1 on a free port and prints <c>READY port</c>. Client-credentials grant with JWT access
    /// tokens (RS256, audience from OIDC_AUDIENCE), discovery, JWKS; POST /admin/rotate adds a new signing key
    /// (the old one stays published), POST /admin/drop-old-keys unpublishes all but the newest. Exits when stdin closes.
    /// </summary>
    public const string Source = """
        import http from 'node:http';
        import { generateKeyPairSync, randomUUID } from 'node:crypto';
        import Provider from 'oidc-provider';

        const audience = process.env.OIDC_AUDIENCE ?? 'ehr-api';
        const resource = 'urn:phigate:' + audience;
        const ttl = Number(process.env.OIDC_TOKEN_TTL ?? '600');
        const clients = JSON.parse(process.env.OIDC_CLIENTS ?? '[]');

        function newKey() {
          const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
          return { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'RS256', use: 'sig' };
        }

        let keys = [newKey()];
        let provider;
        let issuer;

        function build() {
          provider = new Provider(issuer, {
            clients: clients.map((c) => ({
              client_id: c.id,
              client_secret: c.secret,
              grant_types: ['client_credentials'],
              redirect_uris: [],
              response_types: [],
              token_endpoint_auth_method: 'client_secret_post',
              scope: 'patient.read patient.write',
            })),
            scopes: ['patient.read', 'patient.write'],
            jwks: { keys },
            features: {
              devInteractions: { enabled: false },
              clientCredentials: { enabled: true },
              resourceIndicators: {
                enabled: true,
                defaultResource: async () => resource,
                useGrantedResource: async () => true,
                getResourceServerInfo: async () => ({
                  scope: 'patient.read patient.write',
                  audience,
                  accessTokenTTL: ttl,
                  accessTokenFormat: 'jwt',
                  jwt: { sign: { alg: 'RS256' } },
                }),
              },
            },
          });
        }

        function reply(res, status, body) {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        }

        const server = http.createServer((req, res) => {
          if (req.method === 'POST' && req.url === '/admin/rotate') {
            keys = [newKey(), keys[0]];
            build();
            return reply(res, 200, { kid: keys[0].kid });
          }
          if (req.method === 'POST' && req.url === '/admin/drop-old-keys') {
            keys = [keys[0]];
            build();
            return reply(res, 200, { kid: keys[0].kid });
          }
          return provider.callback()(req, res);
        });

        server.listen(0, '127.0.0.1', () => {
          issuer = `http://127.0.0.1:${server.address().port}`;
          build();
          process.stdout.write(`READY ${server.address().port}\n`);
        });

        process.stdin.on('end', () => process.exit(0));
        process.stdin.resume();
        """;
}
