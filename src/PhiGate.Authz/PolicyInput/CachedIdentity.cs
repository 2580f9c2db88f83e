using PhiGate.Authz.Certificates;
using PhiGate.Rego.Values;

namespace PhiGate.Authz.PolicyInput;

/// <summary>An <c>identity</c> object and the client certificate (or none) it was built with.</summary>
internal sealed record CachedIdentity(ClientCertificate? Certificate, ObjectValue Identity);
