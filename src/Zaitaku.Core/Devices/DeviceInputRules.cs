namespace Zaitaku.Devices;

/// <summary>The shapes of identifiers a device record and its certificate accept.</summary>
internal static class DeviceInputRules
{
    /// <summary>Asset tags go into the certificate's CN (at most 64 characters): letters of any script, digits, - _ . /</summary>
    public static bool IsAssetTag(string? value) =>
        value is { Length: >= 1 and <= 64 } && value.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or '/');

    /// <summary>Hardware serial numbers go into the subject's serialNumber attribute, a PrintableString.</summary>
    public static bool IsSerialNumber(string? value) =>
        value is { Length: >= 1 and <= 64 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '/' or ':');

    /// <summary>Free text names (model, lessor, actor): no control characters, no surrounding spaces.</summary>
    public static bool IsName(string? value, int maxLength) =>
        value is not null && value.Length >= 1 && value.Length <= maxLength && value.Trim().Length == value.Length
        && !value.Any(char.IsControl);

    /// <summary>Notes may be empty, but not overlong.</summary>
    public static bool IsNotes(string? value) => value is not null && value.Length <= 2000;

    /// <summary>Stable codes: lower-case ASCII letters, digits and _.</summary>
    public static bool IsCode(string? value) =>
        value is { Length: >= 1 and <= 64 } && value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_');

    public static DeviceInputInvalid Invalid(string field, string ja, string en) => new(field, new(ja, en));
}
