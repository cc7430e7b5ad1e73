using InfoDisclosure.Workflow.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace InfoDisclosure.Workflow.Dev.Notifications;

/// <summary>GET /dev/mailbox: mapped by the local host only in Development with the embedded mail server (see <see cref="DevRoutes"/>).</summary>
public static class DevMailboxEndpoint
{
    public static Task<IResult> ShowAsync(HttpContext http, DurableTaskClient durable, IReadOnlyDictionary<string, string> route)
    {
        var mailbox = http.RequestServices.GetRequiredService<DevMailbox>();
        return Task.FromResult(Pages.Render<DevMailboxPage>(StatusCodes.Status200OK,
            new Dictionary<string, object?> { [nameof(DevMailboxPage.Messages)] = mailbox.Messages }, DevMailboxPage.ContentSecurityPolicy));
    }
}
