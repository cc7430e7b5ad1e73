using System.Text;

namespace InfoDisclosure.Reports.Import;

/// <summary>
/// A report's bytes (a file, an uploaded body) as text. Portals and Word's "save as text" still produce GB18030, GBK
/// and GB2312, so besides UTF-8 and UTF-16 those are read too. Every decoder here is strict: an invalid byte throws
/// <see cref="DecoderFallbackException"/> instead of silently becoming U+FFFD in a stored report.
/// </summary>
public static class ReportText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // Lazy: most input is UTF-8, and loading the code pages costs a short-lived process (the CLI) measurable time.
    private static readonly Lazy<Encoding> StrictGb18030 = new(() => StrictCodePage("GB18030"));

    /// <summary>
    /// UTF-8 or UTF-16 with a byte-order mark, UTF-8, or else GB18030 (which covers GBK and GB2312): for files, which
    /// carry no declared encoding.
    /// </summary>
    public static string DecodeDetecting(ReadOnlySpan<byte> bytes) => bytes switch
    {
        [0xEF, 0xBB, 0xBF, ..] => StrictUtf8.GetString(bytes[3..]),
        [0xFF, 0xFE, ..] => new UnicodeEncoding(false, true, true).GetString(bytes[2..]),
        [0xFE, 0xFF, ..] => new UnicodeEncoding(true, true, true).GetString(bytes[2..]),
        _ => Utf8OrGb18030(bytes),
    };

    /// <summary>Strict UTF-8, a leading byte-order mark dropped.</summary>
    public static string DecodeUtf8(ReadOnlySpan<byte> bytes) => Decode(bytes, StrictUtf8);

    /// <summary>Decodes with a strict encoding from <see cref="StrictEncoding"/>, its byte-order mark (if any) dropped.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes, Encoding strict)
    {
        var preamble = strict.Preamble;
        return strict.GetString(preamble.Length > 0 && bytes.StartsWith(preamble) ? bytes[preamble.Length..] : bytes);
    }

    /// <summary>
    /// The strict decoder for a charset label (utf-8, gb18030, gbk, gb2312, utf-16, big5, …); null when the label names
    /// no encoding. GBK and GB2312 labels read as GB18030, their superset, as browsers do.
    /// </summary>
    public static Encoding? StrictEncoding(string charset)
    {
        var label = charset.Trim().Trim('"').ToLowerInvariant();
        if (label is "utf-8" or "utf8") return StrictUtf8;
        if (label is "gb18030" or "gbk" or "gb2312" or "x-gbk" or "cp936" or "windows-936") return StrictGb18030.Value;
        try
        {
            return StrictCodePage(label);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static Encoding StrictCodePage(string name)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(name, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    private static string Utf8OrGb18030(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return StrictGb18030.Value.GetString(bytes);
        }
    }
}
