using Envoy.Config.Core.V3;
using Envoy.Service.ExtProc.V3;
using Google.Protobuf;

namespace PhiGate.ExtProc.Redaction;

/// <summary>Header mutations as Envoy's ext_proc reads them: values in <c>raw_value</c>, <c>append</c> set explicitly.</summary>
internal static class HeaderMutations
{
    public static HeaderValueOption Set(string name, string value) => new()
    {
        Header = new HeaderValue { Key = name, RawValue = ByteString.CopyFromUtf8(value) },
        Append = false,
    };

    public static string? Find(HttpHeaders? headers, string name)
    {
        if (headers?.Headers is null)
        {
            return null;
        }

        foreach (var header in headers.Headers.Headers)
        {
            if (header.Key.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return header.RawValue.IsEmpty ? header.Value : header.RawValue.ToStringUtf8();
            }
        }

        return null;
    }
}
