using Microsoft.AspNetCore.Antiforgery;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Access;
using Zaitaku.Audit;
using Zaitaku.Data;
using Zaitaku.Data.Accounts;
using Zaitaku.Data.Work;
using Zaitaku.Gateway.Decisions;
using Zaitaku.Gateway.Policy;
using Zaitaku.Gateway.Proxy;

namespace Zaitaku.Gateway.Portal;

/// <summary>
/// The portal the gateway serves to a telework PC (<c>/portal/</c>): sign-in with login ID, password
/// and one-time code (the municipality is the one whose CA issued the PC's certificate), today's status,
/// start and end of the workday, the tiles of the systems that may be opened now, and sign-out. Every
/// portal request goes into the decision log as system <c>portal</c>; without a known PC or from an
/// unknown route the portal itself is refused.
/// </summary>
internal static class PortalEndpoints
{
    public const string System = "portal";

    public static void MapPortal(this WebApplication app)
    {
        app.MapGet("/", static context =>
        {
            context.Response.Redirect("/portal/");
            return Task.CompletedTask;
        });
        var portal = app.MapGroup("/portal");
        portal.MapGet("/", HomeAsync);
        portal.MapPost("/login", SignInAsync);
        portal.MapPost("/logout", SignOutAsync);
        portal.MapPost("/workday/start", StartAsync);
        portal.MapPost("/workday/end", EndAsync);
    }

    private static async Task HomeAsync(HttpContext context, IAntiforgery antiforgery, DecisionLogWriter log, TimeProvider time)
    {
        if (await GateAsync(context, log) is not { } gate) return;
        var message = context.Request.Query["m"].ToString() switch
        {
            "started" => "始業を記録しました。",
            "ended" => "終業を記録しました。お疲れさまでした。",
            _ => null,
        };
        await RenderAsync(context, antiforgery, gate, time, message, null);
    }

    private static async Task SignInAsync(HttpContext context, IAntiforgery antiforgery, DecisionLogWriter log, TimeProvider time,
        AccountSignIn signIn, PortalSessions sessions, PolicyStore policies, ZaitakuDb db)
    {
        if (await GateAsync(context, log, requireSession: false) is not { } gate) return;
        if (!await ValidAsync(context, antiforgery)) return;
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var login = form["login"].ToString().Trim();
        var password = form["password"].ToString();
        var code = form["code"].ToString().Trim();
        var ip = gate.Request.SourceAddress?.ToString() ?? "";
        var check = await signIn.CheckPasswordAsync(gate.Policy.TenantCode, login, password, ip, context.RequestAborted);
        string? error = check.Outcome switch
        {
            PasswordOutcome.Ok when check.User!.StaffId is null => "このアカウントは職員に結び付いていないため、在宅勤務ポータルは使えません。",
            PasswordOutcome.Ok => null,
            PasswordOutcome.LockedOut => "失敗が続いたため、このアカウントは一時的にロックされています。しばらくしてからやり直すか、情報政策課に連絡してください。",
            _ => "ログインIDまたはパスワードが違います。",
        };
        var secondFactor = false;
        if (error is null && check.HasSecondFactor)
        {
            secondFactor = code.Length > 0 && await signIn.CheckSecondFactorAsync(check.User!, code, ip, context.RequestAborted);
            if (!secondFactor) error = code.Length == 0 ? "ワンタイムパスワードを入力してください。" : "ワンタイムパスワードが違います。認証アプリの最新の6桁を入力してください。";
        }
        if (error is not null)
        {
            await RenderSignInAsync(context, antiforgery, gate, error, null, login, StatusCodes.Status401Unauthorized);
            return;
        }

        var user = check.User!;
        var now = time.GetUtcNow();
        var today = JapanTime.DateOf(now);
        // The session ends with the workday (approved overtime included); signed in after it, it lasts one idle period.
        var workEnd = JapanTime.At(today, gate.Policy.WorkEndFor(user.StaffId!.Value.ToString(), today));
        var expires = workEnd > now ? workEnd : now + gate.Policy.PortalIdleTimeout;
        var session = await signIn.OpenSessionAsync(user, SessionChannel.Gateway, secondFactor, ip, context.Request.Headers.UserAgent.ToString(),
            gate.Policy.PortalIdleTimeout, expires, context.RequestAborted);
        sessions.Issue(context, session.Id, gate.Device.CertificateSerial);
        await policies.RefreshAsync(gate.Policy.TenantId, context.RequestAborted);
        context.Response.Redirect("/portal/");
    }

    private static async Task SignOutAsync(HttpContext context, IAntiforgery antiforgery, DecisionLogWriter log, TimeProvider time,
        AccountSignIn signIn, PolicyStore policies)
    {
        if (await GateAsync(context, log, requireSession: false) is not { } gate) return;
        if (!await ValidAsync(context, antiforgery)) return;
        if (gate.Request.Session is { } session)
        {
            await signIn.EndSessionAsync(session.Id, "signout", context.RequestAborted);
            await policies.RefreshAsync(gate.Policy.TenantId, context.RequestAborted);
        }
        PortalSessions.Clear(context);
        await RenderSignInAsync(context, antiforgery, gate, null, "サインアウトしました。", "", StatusCodes.Status200OK);
    }

    private static async Task StartAsync(HttpContext context, IAntiforgery antiforgery, DecisionLogWriter log, TimeProvider time,
        WorkdayService workdays, PolicyStore policies, ZaitakuDb db)
    {
        if (await GateAsync(context, log) is not { } gate) return;
        if (!await ValidAsync(context, antiforgery)) return;
        Scope(db, gate);
        var started = await workdays.StartAsync(Guid.Parse(gate.Session!.StaffId), WorkdaySource.Gateway, context.RequestAborted);
        if (!started.IsOk)
        {
            await RenderAsync(context, antiforgery, gate, time, null, started.Error!.Message.Ja, StatusCodes.Status409Conflict);
            return;
        }
        await policies.RefreshAsync(gate.Policy.TenantId, context.RequestAborted);
        context.Response.Redirect("/portal/?m=started");
    }

    private static async Task EndAsync(HttpContext context, IAntiforgery antiforgery, DecisionLogWriter log, TimeProvider time,
        WorkdayService workdays, AccountSignIn signIn, PolicyStore policies, ZaitakuDb db)
    {
        if (await GateAsync(context, log) is not { } gate) return;
        if (!await ValidAsync(context, antiforgery)) return;
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        Scope(db, gate);
        var ended = await workdays.EndAsync(Guid.Parse(gate.Session!.StaffId), form["report"].ToString(), WorkdaySource.Gateway, context.RequestAborted);
        if (!ended.IsOk)
        {
            await RenderAsync(context, antiforgery, gate, time, null, ended.Error!.Message.Ja, StatusCodes.Status409Conflict);
            return;
        }
        // The end of the workday ends the person's gateway sessions on every node (the policy drops them too).
        await signIn.EndSessionsAsync(gate.Session.UserId, "workday_ended", SessionChannel.Gateway, context.RequestAborted);
        await policies.RefreshAsync(gate.Policy.TenantId, context.RequestAborted);
        PortalSessions.Clear(context);
        await RenderSignInAsync(context, antiforgery, gate, null, "終業を記録しました。お疲れさまでした。在宅勤務ポータルのセッションを終了しました。", "", StatusCodes.Status200OK);
    }

    private static void Scope(ZaitakuDb db, Gate gate)
    {
        db.TenantScope.SetTenant(gate.Policy.TenantId);
        if (gate.Session is { } session) db.TenantScope.SetActor(session.UserId, $"{session.StaffNumber} {session.StaffName}");
        db.TenantScope.IpAddress = gate.Request.SourceAddress?.ToString() ?? "";
    }

    private sealed record Gate(IGatewayRequestFeature Request, TenantPolicy Policy, PortalDevice Device, PortalSession? Session);

    /// <summary>
    /// The portal's own decision: a known PC of a loaded policy on a known route; logged either way.
    /// Pages that need a session send the sign-in page without one.
    /// </summary>
    private static async Task<Gate?> GateAsync(HttpContext context, DecisionLogWriter log, bool requireSession = true)
    {
        var request = context.Features.Get<IGatewayRequestFeature>()!;
        var policy = request.Policy;
        var decision = AccessDecision.Allowed;
        // A policy that could not be refreshed closes the portal too (sign-in, workday, tiles), as it closes the proxy.
        if (request.PolicyMissing || (policy is not null && context.RequestServices.GetRequiredService<PolicyStore>().IsStale(policy))) decision = AccessDecision.PolicyStale;
        else if (request.DeviceSerial is null) decision = decision.With(ReasonCode.NoDeviceCertificate);
        else if (request.Device is null || policy is null) decision = decision.With(ReasonCode.DeviceUnknown);
        if (policy is not null && policy.Snapshot.RouteOf(request.SourceAddress) is null) decision = decision.With(ReasonCode.RouteUnknown);

        var record = context.RequestServices.GetRequiredService<GatewayProxy>()
            .Record(request, policy, System, context.Request.Method, context.Request.Path.Value ?? "/", decision, DecisionEntryKind.Decision);
        record.Status = decision.Allow ? null : StatusCodes.Status403Forbidden;
        try
        {
            await log.AppendDurableAsync(record, context.RequestAborted);
        }
        catch (DecisionLogUnavailableException) when (decision.Allow)
        {
            await GatewayProxy.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, GatewayPages.Blocked(BlockCodes.LogUnavailable, request.RequestId));
            return null;
        }
        catch (DecisionLogUnavailableException)
        {
            // A refusal is shown with its reasons even when it cannot be logged (the writer logged the failure).
        }
        if (!decision.Allow)
        {
            await GatewayProxy.WriteAsync(context, StatusCodes.Status403Forbidden, GatewayPages.Denied(decision, request.RequestId, "在宅勤務ポータル"));
            return null;
        }
        var gate = new Gate(request, policy!, request.Device!, request.Session);
        if (requireSession && gate.Session is null)
        {
            var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
            var notice = context.Request.Cookies.ContainsKey(PortalSessions.CookieName) ? "セッションが終了しました。もう一度サインインしてください。" : null;
            PortalSessions.Clear(context);
            await RenderSignInAsync(context, antiforgery, gate, null, notice, "", HttpMethods.IsGet(context.Request.Method) ? StatusCodes.Status200OK : StatusCodes.Status401Unauthorized);
            return null;
        }
        return gate;
    }

    private static async Task<bool> ValidAsync(HttpContext context, IAntiforgery antiforgery)
    {
        if (await antiforgery.IsRequestValidAsync(context)) return true;
        await GatewayProxy.WriteAsync(context, StatusCodes.Status400BadRequest, GatewayPages.Frame("やり直してください",
            """<h1>フォームの有効期限が切れました</h1><p>画面を開き直してから、もう一度操作してください。 <span lang="en">The form expired; open the page again.</span></p><p><a href="/portal/">ポータルへ戻る</a></p>"""));
        return false;
    }

    private static Task RenderSignInAsync(HttpContext context, IAntiforgery antiforgery, Gate gate, string? error, string? notice, string login, int status)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return GatewayProxy.WriteAsync(context, status, PortalPages.SignIn(gate.Policy.TenantName, gate.Device.AssetTag, tokens.FormFieldName, tokens.RequestToken!, error, notice, login));
    }

    private static Task RenderAsync(HttpContext context, IAntiforgery antiforgery, Gate gate, TimeProvider time, string? message, string? error, int status = StatusCodes.Status200OK)
    {
        var policy = gate.Policy;
        var session = gate.Session!;
        var now = time.GetUtcNow();
        var today = JapanTime.DateOf(now);
        var snapshot = policy.Snapshot;
        var approval = snapshot.Approvals.FirstOrDefault(a => a.Staff == session.StaffId && a.Date == today);
        var workday = snapshot.Workdays.FirstOrDefault(w => w.Staff == session.StaffId && w.Date == today);
        var routeId = snapshot.RouteOf(gate.Request.SourceAddress);
        var route = routeId is null ? null : snapshot.Routes.FirstOrDefault(r => r.Id == routeId);
        var state = new PortalStatus(today, approval is not null, approval?.OvertimeUntil, workday?.Start, workday?.End,
            snapshot.Rules.WorkStart, snapshot.Rules.WorkEnd, route?.Name ?? routeId, route?.Kind == RouteKind.Closed);
        var tiles = new List<PortalTile>();
        foreach (var system in snapshot.Systems)
        {
            // A system never reachable from home is not a tile: My Number, or not on the allow-list.
            if (system.Segment == Segment.MyNumber || !system.Remote || !policy.Systems.TryGetValue(system.Id, out var target)) continue;
            var request = new AccessRequest(session.StaffId, session.SecondFactor, gate.Device.DeviceSerial, gate.Request.SourceAddress, system.Id, "GET", "/");
            tiles.Add(new PortalTile(target, AccessPolicy.Decide(snapshot, in request, now)));
        }
        var tokens = antiforgery.GetAndStoreTokens(context);
        return GatewayProxy.WriteAsync(context, status, PortalPages.Home(policy, session, gate.Device, state, tiles, tokens.FormFieldName, tokens.RequestToken!, message, error));
    }
}
