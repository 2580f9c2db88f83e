namespace PhiGate.Authz.Replay;

/// <summary>
/// Who is calling, as far as the transport proves it: the client certificate's SHA-256 thumbprint, else the
/// mTLS source principal, else nobody (all unauthenticated transports share one identity).
/// </summary>
public sealed record CallerIdentity(string BindingKey)
{
    public static CallerIdentity Anonymous { get; } = new("anonymous");

    public static CallerIdentity From(string? certificateThumbprint, string? sourcePrincipal)
    {
        if (!string.IsNullOrEmpty(certificateThumbprint))
        {
            return new CallerIdentity("x5t:" + certificateThumbprint);
        }

        return string.IsNullOrEmpty(sourcePrincipal) ? Anonymous : new CallerIdentity("spn:" + sourcePrincipal);
    }
}
