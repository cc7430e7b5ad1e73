using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace InfoDisclosure.Workflow.Publishing;

/// <summary>The portal refused or failed the push; the message says what it answered.</summary>
public sealed class PortalPushException(string message, int? statusCode) : Exception(message)
{
    public int? StatusCode { get; } = statusCode;
}

/// <summary>One signed POST of a prepared body to a portal. No retries here: the orchestrator's durable retry policy retries.</summary>
public sealed class PortalClient(IHttpClientFactory httpClients, IOptions<PortalOptions> options, OutboundAddresses outbound)
{
    public const string HttpClientName = "portal";

    /// <summary>Sends the body; returns the URL the portal reported (null when it reported none or no valid http(s) URL).</summary>
    public async Task<string?> PushAsync(Uri endpoint, byte[] body, string idempotencyKey, CancellationToken ct)
    {
        var secret = options.Value.Secret;
        if (string.IsNullOrEmpty(secret))
            throw new PortalPushException("Portal__Secret is not configured: the portal push cannot be signed.", null);

        if (outbound.Refusal(endpoint) is { } refused) throw new PortalPushException($"The portal endpoint was refused: {refused}", null);
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
            throw new PortalPushException($"The portal {endpoint} did not answer within {options.Value.Timeout.TotalSeconds:0} s.", null);
        }
        catch (HttpRequestException e)
        {
            // Our words only: an exception's message may quote what the remote side sent.
            throw new PortalPushException($"The portal {endpoint} could not be reached ({e.HttpRequestError}).", null);
        }

        using (response)
        {
            // The status code and a message of ours are kept, never the remote body (it may be anything the endpoint chose to show).
            if (!response.IsSuccessStatusCode)
            {
                throw new PortalPushException($"The portal {endpoint} answered HTTP {(int)response.StatusCode}; the push was not accepted.", (int)response.StatusCode);
            }
            return UrlFrom(await response.Content.ReadAsStringAsync(ct));
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
