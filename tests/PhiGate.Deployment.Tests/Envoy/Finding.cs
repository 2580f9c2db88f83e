namespace PhiGate.Deployment.Tests.Envoy;

/// <summary>A guarantee the configuration breaks, and where.</summary>
internal sealed record Finding(Guarantee Guarantee, string Message)
{
    public override string ToString() => $"{Guarantee}: {Message}";
}
