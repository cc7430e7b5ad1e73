using System.Net.Http.Headers;
using System.Text.Json;
using InfoDisclosure.Workflow.Notifications;
using Microsoft.Extensions.Options;

namespace InfoDisclosure.Workflow.Publishing;

/// <summary>The push failed in a way a later attempt may not (5xx, timeout, unreachable): it is retried.</summary>
public sealed class PortalPushException(string message, int? statusCode) : Exception(message)
{
    public int? StatusCode { get; } = statusCode;
}

/// <summary>
/// The receiver refused the push (4xx) or it cannot be made (no secret, no valid URL): trying again cannot help, so the
/// workflow stops at PublishFailed. The message is ours (status and reason phrase), never the remote body.
/// </summary>
public sealed class PermanentPushFailure(string message, int? statusCode) : PermanentSendFailure(message)
{
    public int? StatusCode { get; } = statusCode;
}

/// <summary>
/// One signed POST of a prepared body to a portal or a supervising office's delivery endpoint. No retries here: the
/// orchestrator retries durably.
/// </summary>
public sealed class PortalClient(IHttpClientFactory httpClients, IOptions<PortalOptions> options, OutboundAddresses outbound)
{
    public const string HttpClientName = "portal";

    /// <summary>Sends the body; returns the URL the portal reported (null when it reported none or no valid http(s) URL).</summary>
    public async Task<string?> PushAsync(Uri endpoint, byte[] body, string idempotencyKey, CancellationToken ct) =>
        UrlFrom(await PostAsync(endpoint, body, idempotencyKey, "portal", ct));

    /// <summary>
    /// POSTs the body signed (X-Signature, key Portal__Secret) with its Idempotency-Key; returns the reply body of a 2xx.
    /// A 4xx is a <see cref="PermanentPushFailure"/>, a 5xx, a timeout or an unreachable host a <see cref="PortalPushException"/>.
    /// </summary>
    public async Task<string> PostAsync(Uri endpoint, byte[] body, string idempotencyKey, string receiver, CancellationToken ct)
    {
        var secret = options.Value.Secret;
        if (string.IsNullOrEmpty(secret))
            throw new PermanentPushFailure($"Portal__Secret is not configured: the {receiver} push cannot be signed.", null);
        // An internal or non-https address is a setting to correct, not an outage: trying again cannot help.
        if (outbound.Refusal(endpoint) is { } refused) throw new PermanentPushFailure($"The {receiver} endpoint was refused: {refused}", null);

        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(PortalSignature.Header, PortalSignature.Sign(body, secret));
        request.Headers.Add(PortalSignature.IdempotencyHeader, idempotencyKey);

        var http = httpClients.CreateClient(HttpClientName);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Value.Timeout);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new PortalPushException($"The {receiver} {endpoint} did not answer within {options.Value.Timeout.TotalSeconds:0} s.", null);
        }
        catch (HttpRequestException e)
        {
            // Our words only: an exception's message may quote what the remote side sent.
            throw new PortalPushException($"The {receiver} {endpoint} could not be reached ({e.HttpRequestError}).", null);
        }

        using (response)
        {
            // The status code and a message of ours are kept, never the remote body or reason phrase (the endpoint chooses them).
            var status = (int)response.StatusCode;
            if (status is >= 400 and < 500)
            {
                throw new PermanentPushFailure(
                    $"The {receiver} {endpoint} refused the report: HTTP {status}. Check the {receiver}'s settings, then publish again.", status);
            }
            if (!response.IsSuccessStatusCode)
            {
                throw new PortalPushException($"The {receiver} {endpoint} answered HTTP {status}; the push was not accepted.", status);
            }
            return await response.Content.ReadAsStringAsync(ct);
        }
    }

    private static string? UrlFrom(string reply)
    {
        if (string.IsNullOrWhiteSpace(reply)) return null;
        try
        {
            using var doc = JsonDocument.Parse(reply);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("url", out var url) && url.ValueKind == JsonValueKind.String
                && Uri.TryCreate(url.GetString(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                ? uri.ToString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
