using QRCoder;
using Zaitaku.Devices;

namespace Zaitaku.Web.Devices;

/// <summary>
/// Asset labels (資産ラベル). The QR code holds the asset tag and the serial number separated by a
/// space (<c>HM-PC-0001 5CG1234XYZ</c>): neither may contain a space, a handheld scanner types it
/// into any inventory spreadsheet, and the fleet page's search finds the PC from it. It holds no
/// URL: the console is on the LGWAN side and not reachable from a phone, and a label must not
/// change when the console's address does.
/// </summary>
public static class DeviceLabels
{
    /// <summary>Labels per A4 sheet: 3 columns × 8 rows of 70 × 33.9 mm (a common 24-label sheet).</summary>
    public const int PerSheet = 24;

    /// <summary>The most labels printed in one go (20 sheets).</summary>
    public const int MaxLabels = 480;

    /// <summary>What the QR code of a PC's label says.</summary>
    public static string Content(TeleworkDevice device) => $"{device.AssetTag} {device.SerialNumber}";

    /// <summary>The QR code as an SVG element sized by its container (no inline style, for the console's CSP).</summary>
    public static string QrSvg(string content)
    {
        using var data = new QRCodeGenerator().CreateQrCode(content, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(4, "#000000", "#FFFFFF", drawQuietZones: true, sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);
    }
}
