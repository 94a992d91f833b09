using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zaitaku.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Tasks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RotationPlans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Mode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: true),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    StaffCount = table.Column<int>(type: "INTEGER", nullable: false),
                    DayCount = table.Column<int>(type: "INTEGER", nullable: false),
                    DevicePool = table.Column<int>(type: "INTEGER", nullable: false),
                    TargetHomeDays = table.Column<int>(type: "INTEGER", nullable: true),
                    InstanceData = table.Column<byte[]>(type: "BLOB", nullable: false),
                    PlanData = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    HomeDays = table.Column<int>(type: "INTEGER", nullable: false),
                    Bound = table.Column<int>(type: "INTEGER", nullable: false),
                    ElapsedMs = table.Column<long>(type: "INTEGER", nullable: false),
                    TimeLimitSeconds = table.Column<int>(type: "INTEGER", nullable: false),
                    Failure = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SolvedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DecidedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RequestsApproved = table.Column<int>(type: "INTEGER", nullable: false),
                    RequestsPending = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RotationPlans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RotationPlans_OrgUnits_UnitId",
                        column: x => x.UnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RotationPlans_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SectionStaffing",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SectionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MinOffice = table.Column<int>(type: "INTEGER", nullable: false),
                    MinOfficePercent = table.Column<int>(type: "INTEGER", nullable: false),
                    EmergencyMinOffice = table.Column<int>(type: "INTEGER", nullable: false),
                    EmergencyMinOfficePercent = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SectionStaffing", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SectionStaffing_OrgUnits_SectionId",
                        column: x => x.SectionId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SectionStaffing_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Tasks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    SectionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CounterWork = table.Column<bool>(type: "INTEGER", nullable: false),
                    ConfidentialPersonalData = table.Column<bool>(type: "INTEGER", nullable: false),
                    SystemIds = table.Column<string>(type: "TEXT", nullable: false),
                    PaperOriginals = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SameRoom = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OverrideClass = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    OverrideJustification = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    OverrideByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OverrideByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    OverrideAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Tasks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Tasks_OrgUnits_SectionId",
                        column: x => x.SectionId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Tasks_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TaskSettings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HomeMaxOfficeBoundPercent = table.Column<int>(type: "INTEGER", nullable: false),
                    RotationMaxOfficeBoundPercent = table.Column<int>(type: "INTEGER", nullable: false),
                    PlanTargetPercent = table.Column<int>(type: "INTEGER", nullable: true),
                    TeleworkPcs = table.Column<int>(type: "INTEGER", nullable: true),
                    EmergencyMaxHomeDaysPerWeek = table.Column<int>(type: "INTEGER", nullable: false),
                    EmergencyMinOfficeDaysPerWeek = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TaskSettings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TaskSettings_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TaskAssignments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TaskId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StaffId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Percent = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TaskAssignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TaskAssignments_Staff_StaffId",
                        column: x => x.StaffId,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TaskAssignments_Tasks_TaskId",
                        column: x => x.TaskId,
                        principalTable: "Tasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_TaskAssignments_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RotationPlans_TenantId_CreatedAt",
                table: "RotationPlans",
                columns: new[] { "TenantId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_RotationPlans_UnitId",
                table: "RotationPlans",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_SectionStaffing_SectionId",
                table: "SectionStaffing",
                column: "SectionId");

            migrationBuilder.CreateIndex(
                name: "IX_SectionStaffing_TenantId_SectionId",
                table: "SectionStaffing",
                columns: new[] { "TenantId", "SectionId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TaskAssignments_StaffId",
                table: "TaskAssignments",
                column: "StaffId");

            migrationBuilder.CreateIndex(
                name: "IX_TaskAssignments_TaskId",
                table: "TaskAssignments",
                column: "TaskId");

            migrationBuilder.CreateIndex(
                name: "IX_TaskAssignments_TenantId_StaffId",
                table: "TaskAssignments",
                columns: new[] { "TenantId", "StaffId" });

            migrationBuilder.CreateIndex(
                name: "IX_TaskAssignments_TenantId_TaskId_StaffId",
                table: "TaskAssignments",
                columns: new[] { "TenantId", "TaskId", "StaffId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Tasks_SectionId",
                table: "Tasks",
                column: "SectionId");

            migrationBuilder.CreateIndex(
                name: "IX_Tasks_TenantId_Code",
                table: "Tasks",
                columns: new[] { "TenantId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Tasks_TenantId_SectionId",
                table: "Tasks",
                columns: new[] { "TenantId", "SectionId" });

            migrationBuilder.CreateIndex(
                name: "IX_TaskSettings_TenantId",
                table: "TaskSettings",
                column: "TenantId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RotationPlans");

            migrationBuilder.DropTable(
                name: "SectionStaffing");

            migrationBuilder.DropTable(
                name: "TaskAssignments");

            migrationBuilder.DropTable(
                name: "TaskSettings");

            migrationBuilder.DropTable(
                name: "Tasks");
        }
    }
}
