using Google.Protobuf.WellKnownTypes;
using PhiGate.Rego.Values;
using ProtoValue = Google.Protobuf.WellKnownTypes.Value;

namespace PhiGate.Authz.Responses;

/// <summary>
/// The <c>dynamic_metadata</c> of every Check answer: the policy's object, with <c>phigate.redaction_profile</c>
/// always present (the default, strictest profile when the policy names none or names it with a non-string),
/// so ext_proc never runs without a profile.
/// </summary>
internal static class RedactionMetadata
{
    public const string Namespace = "phigate";
    public const string ProfileKey = "redaction_profile";

    private static CachedDefault? _default;

    public static Struct Build(ObjectValue? policyMetadata, string defaultProfile)
    {
        // The common case (no metadata from the policy) shares one instance; responses only read it.
        if (policyMetadata is null && Volatile.Read(ref _default) is { } cached && cached.Profile == defaultProfile)
        {
            return cached.Metadata;
        }

        var metadata = policyMetadata is null ? new Struct() : StructConverter.ToStruct(policyMetadata);
        if (!metadata.Fields.TryGetValue(Namespace, out var phigate) || phigate.KindCase != ProtoValue.KindOneofCase.StructValue)
        {
            phigate = ProtoValue.ForStruct(new Struct());
            metadata.Fields[Namespace] = phigate;
        }

        var fields = phigate.StructValue.Fields;
        if (!fields.TryGetValue(ProfileKey, out var profile) || profile.KindCase != ProtoValue.KindOneofCase.StringValue || profile.StringValue.Length == 0)
        {
            fields[ProfileKey] = ProtoValue.ForString(defaultProfile);
        }

        if (policyMetadata is null)
        {
            Volatile.Write(ref _default, new CachedDefault(defaultProfile, metadata));
        }

        return metadata;
    }

    public static string ProfileOf(Struct metadata) =>
        metadata.Fields[Namespace].StructValue.Fields[ProfileKey].StringValue;

    private sealed record CachedDefault(string Profile, Struct Metadata);
}
