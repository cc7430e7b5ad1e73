using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using InfoDisclosure.Reports.Import;
using InfoDisclosure.Workflow.Access;
using InfoDisclosure.Workflow.Agencies;
using InfoDisclosure.Workflow.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace InfoDisclosure.Workflow.Api;

/// <summary>Reading what a request says: route values, JSON bodies, who acts and from where.</summary>
public static class HttpInputs
{
    public const int MaxBodyBytes = 10 * 1024 * 1024;

    /// <summary>
    /// The first buffer of a body without a Content-Length; small, so that many slow requests hold little memory.
    /// Buffers come from the shared pool and grow by doubling up to the limit.
    /// </summary>
    private const int FirstBufferBytes = 4096;

    /// <summary>The request's media type (lower case, "" when none) and its charset parameter.</summary>
    public static (string MediaType, string? Charset) ContentType(HttpContext http)
    {
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var parsed)) return ("", null);
        var charset = parsed.Charset;
        return (parsed.MediaType.ToString().ToLowerInvariant(), charset.HasValue && charset.Length > 0 ? charset.ToString() : null);
    }

    /// <summary>
    /// Reads a JSON body: application/json in UTF-8 only (else 415), strict JSON (no comments, trailing commas or field
    /// twice), a malformed one a 400 naming the JSON path where reading failed.
    /// </summary>
    public static async Task<(T? Value, IResult? Problem)> ReadJsonAsync<T>(HttpContext http) where T : class
    {
        if (RefuseUnlessJson(http) is { } refused) return (null, refused);
        var (body, problem) = await ReadBytesAsync(http);
        if (problem is not null) return (null, problem);
        using (body)
        {
            var bytes = body!.Bytes;
            if (bytes.StartsWith(Utf8Bom)) bytes = bytes[Utf8Bom.Length..];
            if (bytes.Trim(JsonWhitespace).IsEmpty) return (null, Problems.Field("$", "A JSON body is required."));
            if (!Utf8.IsValid(bytes)) return (null, Problems.Field("$", "The body is not valid UTF-8 (JSON is always UTF-8)."));
            try
            {
                var value = JsonSerializer.Deserialize<T>(bytes, WorkflowJson.Options);
                return value is null ? (null, Problems.Field("$", "A JSON object is required, not null.")) : (value, null);
            }
            catch (JsonException e)
            {
                var (field, message) = JsonErrors.Explain(e, typeof(T), WorkflowJson.Options);
                return (null, Problems.Field(field, message));
            }
        }
    }

    /// <summary>415 unless the body is declared application/json, in UTF-8 (no charset, or charset=utf-8).</summary>
    private static IResult? RefuseUnlessJson(HttpContext http)
    {
        var (mediaType, charset) = ContentType(http);
        if (mediaType != "application/json") return UnsupportedMediaType("Send the body as application/json.");
        return charset is null || ReportText.StrictEncoding(charset) is UTF8Encoding
            ? null
            : UnsupportedMediaType($"JSON is UTF-8; charset={charset} is not accepted.");
    }

    /// <summary>
    /// The body as text. With <paramref name="honourCharset"/> (text/plain, text/html) a declared charset is decoded
    /// (GB18030, GBK, UTF-16, …; an unknown one is 415); otherwise, and without one, it must be UTF-8. Bytes that are
    /// not valid in the encoding are a 400, never stored as U+FFFD.
    /// </summary>
    public static async Task<(string? Text, IResult? Problem)> ReadTextAsync(HttpContext http, bool honourCharset)
    {
        var (_, charset) = ContentType(http);
        Encoding? encoding = null;
        if (charset is not null)
        {
            encoding = ReportText.StrictEncoding(charset);
            if (encoding is null) return (null, UnsupportedMediaType($"The charset '{charset}' is not known; use utf-8, gb18030 (also for GBK and GB2312) or utf-16."));
            if (!honourCharset && encoding is not UTF8Encoding) return (null, UnsupportedMediaType($"JSON is UTF-8; charset={charset} is not accepted."));
        }
        var (body, problem) = await ReadBytesAsync(http);
        if (problem is not null) return (null, problem);
        using (body)
        {
            try
            {
                return (encoding is null ? ReportText.DecodeUtf8(body!.Bytes) : ReportText.Decode(body!.Bytes, encoding), null);
            }
            catch (DecoderFallbackException)
            {
                return (null, Problems.Field("$", charset is null
                    ? "The body is not valid UTF-8; declare its encoding, e.g. charset=gb18030 (also for GBK and GB2312) or charset=utf-16."
                    : $"The body is not valid {charset}."));
            }
        }
    }

    /// <summary>A form body (urlencoded or multipart); a malformed one (no boundary, truncated, too many fields) is a 400.</summary>
    public static async Task<(IFormCollection? Form, IResult? Problem)> ReadFormAsync(HttpContext http)
    {
        try
        {
            return (await http.Request.ReadFormAsync(http.RequestAborted), null);
        }
        catch (InvalidDataException e)
        {
            return (null, Problems.Field("$", $"The form could not be read: {e.Message}"));
        }
        catch (IOException) when (!http.RequestAborted.IsCancellationRequested)
        {
            return (null, Problems.Field("$", "The form could not be read: it ended early (truncated)."));
        }
    }

    /// <summary>
    /// The body's bytes, at most <see cref="MaxBodyBytes"/>, in buffers rented from the shared pool (the caller
    /// disposes the result to give them back); a larger body is a 413, a body that cannot be read a 400.
    /// </summary>
    private static async Task<(PooledBody? Body, IResult? Problem)> ReadBytesAsync(HttpContext http)
    {
        var request = http.Request;
        if (request.ContentLength > MaxBodyBytes) return (null, TooLarge());
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(request.ContentLength + 1 ?? FirstBufferBytes, FirstBufferBytes, MaxBodyBytes + 1));
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, MaxBodyBytes + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                var read = await request.Body.ReadAsync(buffer.AsMemory(length), http.RequestAborted);
                if (read == 0) return (new PooledBody(buffer, length), null);
                length += read;
                if (length > MaxBodyBytes)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    return (null, TooLarge());
                }
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            return (null, TooLarge());
        }
        catch (IOException) when (!http.RequestAborted.IsCancellationRequested)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            return (null, Problems.Field("$", "The body could not be read: the request ended early."));
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    private static IResult TooLarge() =>
        Problems.Field("$", $"The body is larger than {MaxBodyBytes / 1024 / 1024} MB.", StatusCodes.Status413PayloadTooLarge);

    private static IResult UnsupportedMediaType(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type", detail: detail);

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private static ReadOnlySpan<byte> JsonWhitespace => " \t\r\n"u8;

    private sealed class PooledBody(byte[] buffer, int length) : IDisposable
    {
        public ReadOnlySpan<byte> Bytes => buffer.AsSpan(0, length);

        public void Dispose() => ArrayPool<byte>.Shared.Return(buffer);
    }

    public static bool TryAgencyId(IReadOnlyDictionary<string, string> route, out string agencyId, out IResult? problem)
    {
        agencyId = route.TryGetValue("agencyId", out var id) ? id : "";
        problem = AgencyValidator.IsValidId(agencyId) ? null : Problems.Field("agencyId", AgencyValidator.IdRule);
        return problem is null;
    }

    public static bool TryYear(string? text, string field, out int year, out IResult? problem)
    {
        year = 0;
        problem = null;
        // Four digits exactly: "02022" is not the year 2022 (NumberStyles.None alone allows leading zeros).
        if (text is { Length: 4 } && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out year) && ReportYear.IsValid(year)) return true;
        problem = Problems.Field(field, ReportYear.Rule);
        return false;
    }


    public static bool TryReport(IReadOnlyDictionary<string, string> route, out string agencyId, out int year, out IResult? problem)
    {
        year = 0;
        return TryAgencyId(route, out agencyId, out problem)
            && TryYear(route.TryGetValue("year", out var text) ? text : null, "year", out year, out problem);
    }

    /// <summary>Who acts, for the audit log: the authenticated caller's e-mail ("api-key" for automation), never a header's claim.</summary>
    public static string Actor(HttpContext http) => http.Caller()?.Email ?? "anonymous";

    /// <summary>
    /// The caller's address for the audit log: the first X-Forwarded-For entry when a front end (Azure Functions,
    /// a reverse proxy) set one, else the connection's remote address. Behind no proxy the header is the caller's own
    /// claim; the remote address is therefore also kept (see <see cref="RemoteIp"/>).
    /// </summary>
    public static string? ClientIp(HttpContext http)
    {
        var forwarded = http.Request.Headers["X-Forwarded-For"].ToString();
        if (forwarded.Length > 0)
        {
            var first = forwarded.Split(',')[0].Trim();
            // Azure front ends append the port ("1.2.3.4:5678").
            if (IPEndPoint.TryParse(first, out var endpoint)) return endpoint.Address.ToString();
            if (first.Length is > 0 and <= 100) return first;
        }
        return RemoteIp(http);
    }

    /// <summary>
    /// The client as rate limits count it. A client can write anything at the front of X-Forwarded-For, but not its
    /// last entry, which the nearest proxy appends; that entry is used only when the connection itself comes from a
    /// proxy (a loopback or private address: the Functions host, Azure's front ends), else the connection's address.
    /// </summary>
    public static string LimiterClient(HttpContext http)
    {
        var remote = http.Connection.RemoteIpAddress;
        var forwarded = http.Request.Headers["X-Forwarded-For"].ToString();
        if (forwarded.Length > 0 && (remote is null || Publishing.OutboundAddresses.IsInternal(remote)))
        {
            var last = forwarded.Split(',')[^1].Trim();
            if (IPEndPoint.TryParse(last, out var endpoint)) return endpoint.Address.ToString();
            if (last.Length is > 0 and <= 100) return last;
        }
        return remote?.ToString() ?? "unknown";
    }

    public static string? RemoteIp(HttpContext http) => http.Connection.RemoteIpAddress?.ToString();

    /// <summary>"1.2.3.4" or "1.2.3.4 (via 10.0.0.1)" when a forwarded address differs from the connection's.</summary>
    public static string? AuditAddress(HttpContext http)
    {
        var client = ClientIp(http);
        var remote = RemoteIp(http);
        return remote is null || client == remote ? client : $"{client} (via {remote})";
    }
}
