using InfoDisclosure.Workflow.Publishing;
using Microsoft.DurableTask;

namespace InfoDisclosure.Workflow.Review;

/// <summary>
/// Version 3 of a report's life ("ReportWorkflow_v3"; v1 and v2 stay registered for the instances that run them): the
/// stages, guarantees and ids of <see cref="ReportWorkflowV2"/> in half the steps (docs/throughput.md). Each stage change
/// and the send that follows it are one activity (<see cref="EnterStage"/>, <see cref="DeliverAndRecord"/>,
/// <see cref="RecordAndPublish"/>), 8 activities and 12 episodes per report instead of 16 and 20:
/// <list type="bullet">
/// <item>The stage is written first inside the activity, so the index shows a level before its reviewers are asked, and
/// the custom status, set when the activity returns, never runs ahead of the index.</item>
/// <item>The send's first attempt is made in the same activity; its failure is returned, not thrown, so the stage is
/// recorded and shown whatever the outside does, and the retries are <see cref="DurableSender"/>'s durable ones with
/// the plain send activity (RequestReview, NotifyDrafter, PublishReport), under the same notification ids as v2.</item>
/// <item>报送 comes first in its activity and Submitted is recorded only with the receipt in hand; the 【已报送】 notice
/// follows in the same activity.</item>
/// </list>
/// </summary>
public sealed class ReportWorkflowV3 : TaskOrchestrator<ReportWorkflowInput, ReportOutcome>
{
    public const string Name = "ReportWorkflow_v3";

    public override Task<ReportOutcome> RunAsync(TaskOrchestrationContext context, ReportWorkflowInput input) =>
        new Run(context, input).RunAsync();

    private sealed class Run(TaskOrchestrationContext context, ReportWorkflowInput input) : ReportRun(context, input)
    {
        protected override async Task StartLevelAsync(StageChange change, ReviewRequest request)
        {
            var first = await EnterAsync(new StageStep(change with { At = Now }, Review: request));
            await Send.RetryAsync<string>(first, RequestReview.Name, request, request.NotificationId, SendKind.Notification);
        }

        protected override async Task EnterAndTellDrafterAsync(StageChange change, Func<DrafterNotice> notice)
        {
            var drafterNotice = notice();
            var first = await EnterAsync(new StageStep(change with { At = Now }, Notice: drafterNotice));
            await Send.RetryAsync<string>(first, NotifyDrafter.Name, drafterNotice, drafterNotice.NotificationId, SendKind.Notification);
        }

        protected override async Task<SendOutcome<DeliveryReceipt>> DeliverAsync(DeliveryRequest delivery, Func<StageChange> submitted, Func<DrafterNotice> notice)
        {
            var step = new DeliveryStep(delivery, submitted(), notice());
            var sent = await Send.SendAsync<DeliveryDone>(DeliverAndRecord.Name, step, delivery.DeliveryId, SendKind.Delivery);
            if (sent.Status != SendStatus.Sent) return new(sent.Status, null, sent.Error);
            Send.Show(step.Submitted);
            await Send.RetryAsync<string>(sent.Value!.Notice, NotifyDrafter.Name, step.Notice, step.Notice.NotificationId, SendKind.Notification);
            return new(SendStatus.Sent, sent.Value.Receipt, null);
        }

        protected override async Task<SendOutcome<Publication>> PublishAsync(StageChange publishing, PublicationRequest push)
        {
            var first = await Context.CallActivityAsync<PublishAttempt>(RecordAndPublish.Name, new PublishStep(publishing, push), Retry);
            Send.Show(publishing);
            return first.Publication is { } done
                ? new(SendStatus.Sent, done, null)
                : await Send.RetryAsync<Publication>(first.Push, PublishReport.Name, push, push.IdempotencyKey, SendKind.PortalPush);
        }

        /// <summary>Records the stage and makes the first attempt of its send; shows the stage once it is recorded.</summary>
        private async Task<SendAttempt> EnterAsync(StageStep step)
        {
            var first = await Context.CallActivityAsync<SendAttempt>(EnterStage.Name, step, Retry);
            Send.Show(step.Change);
            return first;
        }
    }
}
