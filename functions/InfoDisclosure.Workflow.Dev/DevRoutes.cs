using InfoDisclosure.Workflow.Dev.Notifications;
using InfoDisclosure.Workflow.Dev.Publishing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Allow = InfoDisclosure.Workflow.Access.Access;

namespace InfoDisclosure.Workflow.Dev;

/// <summary>
/// The development routes, served by the local host only, never deployed as Functions (production's are
/// <see cref="ApiRoutes.All"/>). Outside /api and open to anyone (the portal push is checked by its signature), like the
/// pages they stand in for.
/// </summary>
public static class DevRoutes
{
    /// <summary>The mail the embedded SMTP server caught (the local host without Smtp__Host).</summary>
    public static IReadOnlyList<ApiRoute> Mailbox { get; } =
    [
        new("Dev_Mailbox", "GET", "dev/mailbox", Allow.Public, DevMailboxEndpoint.ShowAsync),
    ];

    /// <summary>A portal to publish to (the local host without Portal__Endpoint).</summary>
    public static IReadOnlyList<ApiRoute> Portal { get; } =
    [
        new("Dev_PortalReceive", "POST", "dev/portal/reports", Allow.Credential, DevPortalEndpoints.ReceiveAsync),
        new("Dev_Portal", "GET", "dev/portal", Allow.Public, DevPortalEndpoints.ListAsync),
        new("Dev_PortalReport", "GET", "dev/portal/reports/{agencyId}/{year}", Allow.Public, DevPortalEndpoints.ShowAsync),
    ];

    public static IReadOnlyList<ApiRoute> All { get; } = [.. Mailbox, .. Portal];

    /// <summary>
    /// The routes a host with these services serves: none outside Development (a production host never shows mail),
    /// the mailbox's when the dev mailbox runs, the portal's when the development portal does.
    /// </summary>
    public static IReadOnlyList<ApiRoute> Active(IServiceProvider services)
    {
        if (services.GetService<IHostEnvironment>()?.IsDevelopment() != true) return [];
        return
        [
            .. services.GetService<DevMailbox>() is null ? [] : Mailbox,
            .. services.GetService<DevPortal>() is null ? [] : Portal,
        ];
    }
}
