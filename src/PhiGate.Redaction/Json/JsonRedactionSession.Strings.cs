using System.Text.Json;

namespace PhiGate.Redaction.Json;

internal sealed partial class JsonRedactionSession
{
    /// <summary>Decides what a string value is from its container's context and its property, then writes it.</summary>
    private void OnString(ref Utf8JsonReader reader)
    {
        var (field, fieldCategory) = EffectiveField();
        ref var top = ref _frames[_depth - 1];
        var learn = top.Resource is ResourceKind.Person or ResourceKind.Unknown;
        switch (top.Context)
        {
            // Inside a name or an address every part is identifying except codes (use, type, state, country).
            case FieldContext.HumanName when field is not (FieldKind.Keep or FieldKind.Code or FieldKind.System or FieldKind.Url or FieldKind.BirthDate):
                WriteCategory(ref reader, PhiCategory.Name, learn: learn && field is FieldKind.NamePart or FieldKind.Phi or FieldKind.Unknown);
                return;
            case FieldContext.Address when field == FieldKind.Phi:
                WriteCategory(ref reader, fieldCategory, learn: learn && fieldCategory == PhiCategory.Address);
                return;
            case FieldContext.Address when field is not (FieldKind.Keep or FieldKind.Code or FieldKind.System or FieldKind.Url or FieldKind.BirthDate):
                WriteCategory(ref reader, PhiCategory.Address, learn: learn && field == FieldKind.Line);
                return;
            case FieldContext.Telecom when field == FieldKind.System:
                top.Pending = TelecomCategory(StringBytes(ref reader));
                CopyString(ref reader);
                return;
            case FieldContext.Telecom when field == FieldKind.Value:
                WriteCategory(ref reader, top.Pending != PhiCategory.None ? top.Pending : TelecomShape(StringBytes(ref reader)), learn: false);
                return;
            case FieldContext.Identifier when field == FieldKind.Value && !top.IsArray:
                WriteCategory(ref reader, top.Pending != PhiCategory.None ? top.Pending : PhiCategory.OtherId, learn: false);
                return;
            case FieldContext.Identifier when field == FieldKind.Code:
                SetIdentifierType(FhirCodes.IdentifierTypeCategory(StringBytes(ref reader)), fromType: true);
                CopyString(ref reader);
                return;
            case FieldContext.Identifier when field == FieldKind.System && top.Field == FieldKind.Identifier:
                SetIdentifierType(FhirCodes.IdentifierSystemCategory(StringBytes(ref reader)), fromType: false);
                CopyString(ref reader);
                return;
            case FieldContext.Photo when field is not (FieldKind.Keep or FieldKind.Code):
                WriteCategory(ref reader, PhiCategory.Photo, learn: false);
                return;
            case FieldContext.Narrative when field == FieldKind.Div:
                if (top.Resource is ResourceKind.Person or ResourceKind.Unknown && _operators.Profile[PhiCategory.Name].Operator != Profiles.OperatorKind.Keep)
                {
                    WritePersonNarrative(ref reader);
                }
                else
                {
                    WriteFreeText(ref reader, fullScan: true, markup: true);
                }

                return;
            case FieldContext.Extension when field == FieldKind.Url:
                top.Pending = FhirCodes.ExtensionCategory(StringBytes(ref reader));
                CopyString(ref reader);
                return;
            case FieldContext.Extension when top.Pending != PhiCategory.None && field is FieldKind.ValueString or FieldKind.Unknown:
                WriteCategory(ref reader, top.Pending, learn: false);
                return;
            case FieldContext.Annotation when field == FieldKind.Text:
                WriteFreeText(ref reader, fullScan: true);
                return;
            default:
                break;
        }

        OnFieldString(ref reader, field, fieldCategory, ref top, learn);
    }

    private void OnFieldString(ref Utf8JsonReader reader, FieldKind field, PhiCategory fieldCategory, ref JsonFrame top, bool learn)
    {
        var generic = top.Resource == ResourceKind.Unknown;
        switch (field)
        {
            case FieldKind.ResourceType:
                top.Resource = FhirCodes.ResourceKindOf(StringBytes(ref reader));
                CopyString(ref reader);
                return;
            case FieldKind.Keep:
            case FieldKind.Code:
            case FieldKind.System:
                CopyString(ref reader);
                return;
            case FieldKind.Phi:
                WriteCategory(ref reader, fieldCategory, learn: learn && fieldCategory is PhiCategory.Name or PhiCategory.Address);
                return;
            case FieldKind.BirthDate:
                WriteCategory(ref reader, PhiCategory.Date, learn: false, birthDate: true);
                return;
            case FieldKind.Name:
            case FieldKind.NamePart:
            case FieldKind.PersonReference:
                if (top.Resource is ResourceKind.Person or ResourceKind.Unknown || field != FieldKind.Name)
                {
                    WriteCategory(ref reader, PhiCategory.Name, learn: learn);
                }
                else
                {
                    // An organization's or a code's name: only what this document already revealed (a city).
                    WriteFreeText(ref reader, fullScan: false);
                }

                return;
            case FieldKind.Address:
            case FieldKind.Line:
                WriteCategory(ref reader, PhiCategory.Address, learn: false);
                return;
            case FieldKind.Telecom:
                WriteCategory(ref reader, TelecomShape(StringBytes(ref reader)), learn: false);
                return;
            case FieldKind.Identifier:
                WriteCategory(ref reader, PhiCategory.OtherId, learn: false);
                return;
            case FieldKind.Photo:
                WriteCategory(ref reader, PhiCategory.Photo, learn: false);
                return;
            case FieldKind.Reference:
                OnReference(ref reader, ref top);
                return;
            case FieldKind.Display:
                if (top.PersonReference)
                {
                    WriteCategory(ref reader, PhiCategory.Name, learn: false);
                }
                else if (top.HasReference || generic)
                {
                    WriteFreeText(ref reader, fullScan: generic);
                }
                else
                {
                    CopyString(ref reader);
                }

                return;
            case FieldKind.Div:
                WriteFreeText(ref reader, fullScan: true, markup: true);
                return;
            case FieldKind.FreeText:
            case FieldKind.ValueString:
            case FieldKind.Note:
                WriteFreeText(ref reader, fullScan: true);
                return;
            case FieldKind.Text:
                WriteFreeTextOrCopy(ref reader, generic);
                return;
            case FieldKind.Data:
                if (generic)
                {
                    WriteFreeText(ref reader, fullScan: true);
                }
                else
                {
                    WriteCategory(ref reader, PhiCategory.Document, learn: false);
                }

                return;
            case FieldKind.Url:
                if (generic)
                {
                    WriteCategory(ref reader, PhiCategory.Url, learn: false);
                }
                else if (reader.ValueSpan.IndexOf((byte)'|') >= 0)
                {
                    // Bundle request and link URLs can be searches by identifier ("Patient?identifier=system|value").
                    WriteFreeText(ref reader, fullScan: true, conditionalReference: true);
                }
                else
                {
                    CopyString(ref reader);
                }

                return;
            default:
                OnOtherString(ref reader, generic);
                return;
        }
    }

    /// <summary>Any other string: dates by shape everywhere; in generic JSON the full text detectors.</summary>
    private void OnOtherString(ref Utf8JsonReader reader, bool generic)
    {
        var value = reader.ValueSpan;
        if (FhirCodes.IsDateShaped(value))
        {
            WriteCategory(ref reader, PhiCategory.Date, learn: false);
            return;
        }

        WriteFreeTextOrCopy(ref reader, generic);
    }

    private void WriteFreeTextOrCopy(ref Utf8JsonReader reader, bool scan)
    {
        if (scan)
        {
            WriteFreeText(ref reader, fullScan: true);
        }
        else
        {
            CopyString(ref reader);
        }
    }

    private void OnReference(ref Utf8JsonReader reader, ref JsonFrame top)
    {
        var value = StringBytes(ref reader);
        top.HasReference = true;
        top.PersonReference = top.Field == FieldKind.PersonReference || FhirCodes.IsPersonReference(value);
        if (value.IndexOf((byte)'|') >= 0)
        {
            // A conditional reference ("Patient?identifier=system|value") carries an identifier in clear.
            WriteFreeText(ref reader, fullScan: true, conditionalReference: true);
            return;
        }

        CopyString(ref reader);
    }

    private void SetIdentifierType(PhiCategory category, bool fromType)
    {
        if (category == PhiCategory.None)
        {
            return;
        }

        for (var i = _depth - 1; i >= 0; i--)
        {
            ref var frame = ref _frames[i];
            if (frame.Context != FieldContext.Identifier)
            {
                return;
            }

            if (frame.Field == FieldKind.Identifier && !frame.IsArray)
            {
                if (fromType || !frame.PendingFromType)
                {
                    frame.Pending = category;
                    frame.PendingFromType |= fromType;
                }

                return;
            }
        }
    }

    private static PhiCategory TelecomCategory(ReadOnlySpan<byte> system) => system switch
    {
        _ when system.SequenceEqual("phone"u8) || system.SequenceEqual("sms"u8) || system.SequenceEqual("pager"u8) => PhiCategory.Phone,
        _ when system.SequenceEqual("fax"u8) => PhiCategory.Fax,
        _ when system.SequenceEqual("email"u8) => PhiCategory.Email,
        _ when system.SequenceEqual("url"u8) => PhiCategory.Url,
        _ => PhiCategory.None,
    };

    private static PhiCategory TelecomShape(ReadOnlySpan<byte> value) =>
        value.IndexOf((byte)'@') >= 0 ? PhiCategory.Email
        : value.IndexOf("://"u8) >= 0 ? PhiCategory.Url
        : PhiCategory.Phone;
}
