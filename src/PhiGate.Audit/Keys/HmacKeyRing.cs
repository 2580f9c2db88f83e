using System.Security.Cryptography;

namespace PhiGate.Audit;

/// <summary>
/// The active HMAC key plus older keys kept so that investigators can search events written before a
/// rotation. Only the active key makes new digests.
/// </summary>
/// <remarks>
/// Text form (file or environment variable): line 1 the key id, line 2 the base64 (or base64url) key,
/// optionally more id/key line pairs for older keys. An environment variable may also hold
/// <c>id:base64</c> on one line. Blank lines and lines starting with <c>#</c> are ignored.
/// </remarks>
internal sealed class HmacKeyRing
{
    private readonly Dictionary<string, HmacKey> _byId;

    private HmacKeyRing(IReadOnlyList<HmacKey> keys, bool isEphemeral)
    {
        Keys = keys;
        Active = keys[0];
        IsEphemeral = isEphemeral;
        _byId = keys.ToDictionary(k => k.Id, StringComparer.Ordinal);
    }

    public HmacKey Active { get; }

    public IReadOnlyList<HmacKey> Keys { get; }

    /// <summary>True for a per-process random key: digests cannot be reproduced after a restart.</summary>
    public bool IsEphemeral { get; }

    public HmacKey? Find(string id) => _byId.GetValueOrDefault(id);

    public static HmacKeyRing CreateEphemeral()
    {
        var id = "ephemeral-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        return new HmacKeyRing([new HmacKey(id, RandomNumberGenerator.GetBytes(HmacKey.MinimumLength))], isEphemeral: true);
    }

    public static KeyLoadResult<HmacKeyRing> LoadFile(string path, string yamlKey)
    {
        string text;
        try
        {
            if (!File.Exists(path))
            {
                return KeyLoadResult<HmacKeyRing>.Fail($"{yamlKey}: file not found");
            }

            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return KeyLoadResult<HmacKeyRing>.Fail($"{yamlKey}: file cannot be read");
        }

        return Parse(text, yamlKey);
    }

    public static KeyLoadResult<HmacKeyRing> Parse(string text, string yamlKey)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.StartsWith('#'))
            .ToList();
        if (lines.Count == 1 && lines[0].IndexOf(':', StringComparison.Ordinal) is > 0 and var colon)
        {
            lines = [lines[0][..colon], lines[0][(colon + 1)..]];
        }

        if (lines.Count == 0 || lines.Count % 2 != 0)
        {
            return KeyLoadResult<HmacKeyRing>.Fail($"{yamlKey}: expected a key id on line 1 and a base64 key on line 2");
        }

        var keys = new List<HmacKey>();
        for (var i = 0; i < lines.Count; i += 2)
        {
            var id = lines[i];
            if (!KeyId.IsValid(id))
            {
                return KeyLoadResult<HmacKeyRing>.Fail($"{yamlKey}: key id on line {i + 1} must be 1-64 characters of [A-Za-z0-9._-]");
            }

            if (!TryDecode(lines[i + 1], out var key))
            {
                return KeyLoadResult<HmacKeyRing>.Fail($"{yamlKey}: key '{id}' is not valid base64");
            }

            if (key.Length < HmacKey.MinimumLength)
            {
                return KeyLoadResult<HmacKeyRing>.Fail($"{yamlKey}: key '{id}' is {key.Length} bytes; at least {HmacKey.MinimumLength} are required");
            }

            if (keys.Any(k => k.Id == id))
            {
                return KeyLoadResult<HmacKeyRing>.Fail($"{yamlKey}: key id '{id}' appears twice");
            }

            keys.Add(new HmacKey(id, key));
        }

        return KeyLoadResult<HmacKeyRing>.Ok(new HmacKeyRing(keys, isEphemeral: false));
    }

    private static bool TryDecode(string text, out byte[] key)
    {
        var standard = text.Replace('-', '+').Replace('_', '/');
        standard = standard.PadRight(standard.Length + ((4 - (standard.Length % 4)) % 4), '=');
        key = new byte[standard.Length];
        if (Convert.TryFromBase64String(standard, key, out var written))
        {
            key = key[..written];
            return true;
        }

        key = [];
        return false;
    }
}
