using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Data;
using Zaitaku.Systems;
using Zaitaku.Web.Problems;

namespace Zaitaku.Web.Systems;

/// <summary>The internal systems, network routes and gateway settings the IT department registers.</summary>
public sealed class SystemsService(ZaitakuDb db)
{
    public Task<List<RegisteredSystem>> SystemsAsync(CancellationToken cancellationToken = default) =>
        db.Systems.AsNoTracking().OrderBy(s => s.SortOrder).ThenBy(s => s.Slug).ToListAsync(cancellationToken);

    public Task<RegisteredSystem?> FindSystemAsync(Guid id, CancellationToken cancellationToken = default) =>
        db.Systems.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);

    public async Task<Result<RegisteredSystem>> SaveSystemAsync(Guid? id, RegisteredSystem values, CancellationToken cancellationToken = default)
    {
        if (SystemRules.CheckSystem(values) is { } invalid) return invalid;
        if (await db.Systems.AnyAsync(s => s.Slug == values.Slug && s.Id != (id ?? Guid.Empty), cancellationToken))
            return new SystemFieldError("slug", new($"「{values.Slug}」は既に使われています", $"\"{values.Slug}\" is already used"));
        var system = id is { } existing ? await FindSystemAsync(existing, cancellationToken) : null;
        if (id is not null && system is null) return new NotFoundError(new("庁内システム", "The system"));
        if (system is null)
        {
            system = new RegisteredSystem { Id = Guid.NewGuid(), Slug = values.Slug, Name = values.Name, UpstreamUrl = values.UpstreamUrl };
            db.Systems.Add(system);
        }
        system.Slug = values.Slug;
        system.Name = values.Name.Trim();
        system.Segment = values.Segment;
        system.UpstreamUrl = values.UpstreamUrl.Trim();
        system.Remote = values.Remote;
        system.AllowOpenRoutes = values.AllowOpenRoutes;
        system.DataClass = string.IsNullOrWhiteSpace(values.DataClass) ? null : values.DataClass.Trim();
        system.PathRules = values.PathRules.ToList();
        system.Controls = values.Controls;
        system.Description = values.Description;
        system.SortOrder = values.SortOrder;
        await db.SaveChangesAsync(cancellationToken);
        return system;
    }

    public async Task<Result<bool>> DeleteSystemAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var system = await FindSystemAsync(id, cancellationToken);
        if (system is null) return new NotFoundError(new("庁内システム", "The system"));
        db.Systems.Remove(system);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public Task<List<RegisteredRoute>> RoutesAsync(CancellationToken cancellationToken = default) =>
        db.Routes.AsNoTracking().OrderBy(r => r.Slug).ToListAsync(cancellationToken);

    public Task<RegisteredRoute?> FindRouteAsync(Guid id, CancellationToken cancellationToken = default) =>
        db.Routes.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);

    public async Task<Result<RegisteredRoute>> SaveRouteAsync(Guid? id, RegisteredRoute values, CancellationToken cancellationToken = default)
    {
        if (SystemRules.CheckRoute(values) is { } invalid) return invalid;
        if (await db.Routes.AnyAsync(r => r.Slug == values.Slug && r.Id != (id ?? Guid.Empty), cancellationToken))
            return new SystemFieldError("slug", new($"「{values.Slug}」は既に使われています", $"\"{values.Slug}\" is already used"));
        var route = id is { } existing ? await FindRouteAsync(existing, cancellationToken) : null;
        if (id is not null && route is null) return new NotFoundError(new("ネットワーク経路", "The route"));
        if (route is null)
        {
            route = new RegisteredRoute { Id = Guid.NewGuid(), Slug = values.Slug, Name = values.Name };
            db.Routes.Add(route);
        }
        route.Slug = values.Slug;
        route.Name = values.Name.Trim();
        route.Kind = values.Kind;
        route.Cidrs = values.Cidrs.ToList();
        await db.SaveChangesAsync(cancellationToken);
        return route;
    }

    public async Task<Result<bool>> DeleteRouteAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var route = await FindRouteAsync(id, cancellationToken);
        if (route is null) return new NotFoundError(new("ネットワーク経路", "The route"));
        db.Routes.Remove(route);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The tenant's gateway settings; the defaults when none were saved.</summary>
    public async Task<GatewaySettings> SettingsAsync(CancellationToken cancellationToken = default) =>
        await db.GatewaySettings.SingleOrDefaultAsync(cancellationToken) ?? new GatewaySettings { Id = Guid.NewGuid() };

    public async Task<Result<GatewaySettings>> SaveSettingsAsync(IReadOnlyList<string> restricted, int postureMaxAgeHours, int idleTimeoutMinutes, CancellationToken cancellationToken = default)
    {
        if (SystemRules.CheckDataClasses(restricted) is { } invalid) return invalid;
        if (postureMaxAgeHours is < 1 or > 24 * 30)
            return new SystemFieldError("postureMaxAgeHours", new("1〜720時間にしてください", "use 1 to 720 hours"));
        if (idleTimeoutMinutes is < 1 or > 480)
            return new SystemFieldError("idleTimeoutMinutes", new("1〜480分にしてください", "use 1 to 480 minutes"));
        var settings = await db.GatewaySettings.SingleOrDefaultAsync(cancellationToken);
        if (settings is null)
        {
            settings = new GatewaySettings { Id = Guid.NewGuid() };
            db.GatewaySettings.Add(settings);
        }
        settings.RestrictedDataClasses = restricted.Distinct().ToList();
        settings.PostureMaxAgeHours = postureMaxAgeHours;
        settings.IdleTimeoutMinutes = idleTimeoutMinutes;
        await db.SaveChangesAsync(cancellationToken);
        return settings;
    }
}

internal static class SystemsFeature
{
    public static IServiceCollection AddSystems(this IServiceCollection services) => services.AddScoped<SystemsService>();
}
