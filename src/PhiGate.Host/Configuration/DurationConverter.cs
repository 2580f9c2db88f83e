using System.ComponentModel;
using System.Globalization;

namespace PhiGate.Host.Configuration;

/// <summary>
/// Lets every <see cref="TimeSpan"/> option bind from <c>30s</c> as well as <c>00:00:30</c>. The
/// configuration binder converts through <see cref="TypeDescriptor"/>, so registering this converter once
/// covers every feature's options without each parsing durations itself; values stay as written, so an
/// option typed as a string sees exactly what the operator wrote.
/// </summary>
internal sealed class DurationConverter : TimeSpanConverter
{
    private static int s_registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref s_registered, 1) == 0)
        {
            TypeDescriptor.AddAttributes(typeof(TimeSpan), new TypeConverterAttribute(typeof(DurationConverter)));
        }
    }

    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string text && ConfigurationKeys.TryParseDuration(text.Trim(), out var duration)
            ? duration
            : base.ConvertFrom(context, culture, value);
}
