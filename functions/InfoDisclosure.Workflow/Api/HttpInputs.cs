using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using InfoDisclosure.Workflow.Agencies;
using Microsoft.AspNetCore.Http;

namespace InfoDisclosure.Workflow.Api;

/// <summary>Reading what a request says: route values, JSON bodies, who acts and from where.</summary>
public static class HttpInputs
{
    public const int MaxBodyBytes = 10 * 1024 * 1024;

    /// <summary>Header naming the person acting (for the audit log); the API key identifies the caller, not the person.</summary>
    public const string ActorHeader = "X-User";

    public static async Task<string> ReadBodyAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var buffer = new char[MaxBodyBytes + 1];
        var builder = new StringBuilder();
        int read;
        while ((read = await reader.ReadAsync(buffer, http.RequestAborted)) > 0)
        {
            builder.Append(buffer, 0, read);
            if (builder.Length > MaxBodyBytes) throw new BodyTooLargeException();
        }
        return builder.ToString();
    }

    /// <summary>Reads a JSON body; a malformed one gives a 400 naming the JSON path where reading failed.</summary>
    public static async Task<(T? Value, IResult? Problem)> ReadJsonAsync<T>(HttpContext http) where T : class
    {
        string body;
        try
        {
            body = await ReadBodyAsync(http);
        }
        catch (BodyTooLargeException)
        {
            return (null, Problems.Field("$", $"The body is larger than {MaxBodyBytes / 1024 / 1024} MB.", StatusCodes.Status413PayloadTooLarge));
        }
        if (string.IsNullOrWhiteSpace(body)) return (null, Problems.Field("$", "A JSON body is required."));
        try
        {
            return (WorkflowJson.Deserialize<T>(body), null);
        }
        catch (JsonException e)
        {
            return (null, Problems.Field(e.Path ?? "$", JsonMessage(e)));
        }
    }

    /// <summary>The reader's message without the position noise, which the field already names.</summary>
    public static string JsonMessage(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
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
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out year) && IsYear(year)) return true;
        problem = Problems.Field(field, "A year from 2008 to 2100 is required.");
        return false;
    }

    /// <summary>Reports exist from 2008, when the 条例 took effect.</summary>
    public static bool IsYear(int year) => year is >= 2008 and <= 2100;

    public static bool TryReport(IReadOnlyDictionary<string, string> route, out string agencyId, out int year, out IResult? problem)
    {
        year = 0;
        return TryAgencyId(route, out agencyId, out problem)
            && TryYear(route.TryGetValue("year", out var text) ? text : null, "year", out year, out problem);
    }

    public static string Actor(HttpContext http) =>
        http.Request.Headers[ActorHeader].ToString() is { Length: > 0 and <= 200 } actor ? actor : "api";

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

    public static string? RemoteIp(HttpContext http) => http.Connection.RemoteIpAddress?.ToString();

    /// <summary>"1.2.3.4" or "1.2.3.4 (via 10.0.0.1)" when a forwarded address differs from the connection's.</summary>
    public static string? AuditAddress(HttpContext http)
    {
        var client = ClientIp(http);
        var remote = RemoteIp(http);
        return remote is null || client == remote ? client : $"{client} (via {remote})";
    }

    private sealed class BodyTooLargeException : Exception;
}
