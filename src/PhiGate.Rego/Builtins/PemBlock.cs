using System.Text;

namespace PhiGate.Rego.Builtins;

/// <summary>Go's <c>pem.Decode</c>: the first PEM block in the text, plus whatever follows it.</summary>
internal readonly record struct PemBlock(string Type, byte[] Bytes, string Rest)
{
    public static bool TryDecode(string text, out PemBlock block)
    {
        block = default;
        var search = 0;
        while (true)
        {
            var begin = text.IndexOf("-----BEGIN ", search, StringComparison.Ordinal);
            if (begin < 0)
            {
                return false;
            }

            var typeEnd = text.IndexOf("-----", begin + 11, StringComparison.Ordinal);
            var lineEnd = typeEnd < 0 ? -1 : typeEnd + 5;
            if (typeEnd < 0 || (lineEnd < text.Length && text[lineEnd] is not ('\n' or '\r')))
            {
                search = begin + 11;
                continue;
            }

            var type = text[(begin + 11)..typeEnd];
            var endMarker = "-----END " + type + "-----";
            var end = text.IndexOf(endMarker, lineEnd, StringComparison.Ordinal);
            if (end < 0)
            {
                search = begin + 11;
                continue;
            }

            var body = new StringBuilder();
            foreach (var line in text[lineEnd..end].Split('\n'))
            {
                var l = line.Trim();
                if (l.Length == 0 || l.Contains(':', StringComparison.Ordinal))
                {
                    // Blank lines and RFC 1421 headers carry no data.
                    continue;
                }

                body.Append(l);
            }

            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(body.ToString());
            }
            catch (FormatException)
            {
                search = begin + 11;
                continue;
            }

            var restStart = end + endMarker.Length;
            if (restStart < text.Length && text[restStart] == '\r')
            {
                restStart++;
            }

            if (restStart < text.Length && text[restStart] == '\n')
            {
                restStart++;
            }

            block = new PemBlock(type, bytes, text[restStart..]);
            return true;
        }
    }
}
