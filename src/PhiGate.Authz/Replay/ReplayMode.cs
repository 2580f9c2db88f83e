namespace PhiGate.Authz.Replay;

/// <summary>How a token's <c>jti</c> is tracked (<c>authz.tokens.replay</c>).</summary>
public enum ReplayMode
{
    /// <summary>The first use binds the jti to the caller's mTLS identity; another caller's use is a replay.</summary>
    Bind = 0,

    /// <summary>Each jti is accepted exactly once.</summary>
    Once,

    /// <summary>No replay tracking.</summary>
    Off,
}

/// <summary>Parsing of the configuration words <c>bind</c>, <c>once</c>, <c>off</c>.</summary>
public static class ReplayModes
{
    public static bool TryParse(string? text, out ReplayMode mode)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "bind":
                mode = ReplayMode.Bind;
                return true;
            case "once":
                mode = ReplayMode.Once;
                return true;
            case "off":
                mode = ReplayMode.Off;
                return true;
            default:
                mode = ReplayMode.Bind;
                return false;
        }
    }
}
