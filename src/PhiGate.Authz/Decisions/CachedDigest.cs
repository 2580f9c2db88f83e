using PhiGate.Audit;

namespace PhiGate.Authz.Decisions;

/// <summary>A digest remembered with the trail that made it (and so its key): another trail digests again.</summary>
internal sealed record CachedDigest(IAuditTrail Trail, AuditDigest Digest);
