namespace PhiGate.Audit;

/// <summary>Which half of the exchange a redaction event describes.</summary>
public enum RedactionDirection
{
    /// <summary>The request (headers, URL, body) sent upstream.</summary>
    Request = 1,

    /// <summary>The response returned to the caller.</summary>
    Response = 2,
}
