using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zaitaku.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class BudgetAndReadiness : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BudgetScenarios",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FiscalYear = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    OfficePcSecurityOneTimeYen = table.Column<long>(type: "INTEGER", nullable: true),
                    OfficePcSecurityMonthlyYen = table.Column<long>(type: "INTEGER", nullable: true),
                    LeasedPcMonthlyFeeYen = table.Column<long>(type: "INTEGER", nullable: true),
                    LeasedPcKittingFeeYen = table.Column<long>(type: "INTEGER", nullable: true),
                    LeasedPcSetupFeeYen = table.Column<long>(type: "INTEGER", nullable: true),
                    OwnPcLicenceMonthlyYen = table.Column<long>(type: "INTEGER", nullable: true),
                    OwnPcSetupFeeYen = table.Column<long>(type: "INTEGER", nullable: true),
                    SimMonthlyFeeYen = table.Column<long>(type: "INTEGER", nullable: false),
                    AllowanceMonthlyYen = table.Column<long>(type: "INTEGER", nullable: true),
                    AllowanceThresholdDays = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: true),
                    AllowanceExpectedDays = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Phases = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BudgetScenarios", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BudgetScenarios_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReadinessSurveys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Deadline = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    OpenedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReadinessSurveys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReadinessSurveys_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "FiscalYearBudgets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FiscalYear = table.Column<int>(type: "INTEGER", nullable: false),
                    ScenarioId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ScenarioName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    MonthlyYen = table.Column<string>(type: "TEXT", nullable: false),
                    LeaseMonthlyYen = table.Column<string>(type: "TEXT", nullable: false),
                    TotalYen = table.Column<long>(type: "INTEGER", nullable: false),
                    AnnualRunRateYen = table.Column<long>(type: "INTEGER", nullable: false),
                    ScenarioUpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AdoptedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AdoptedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FiscalYearBudgets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FiscalYearBudgets_BudgetScenarios_ScenarioId",
                        column: x => x.ScenarioId,
                        principalTable: "BudgetScenarios",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_FiscalYearBudgets_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReadinessResponses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SurveyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StaffId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SectionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HomeConnection = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    HomePc = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Workspace = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CareDuties = table.Column<int>(type: "INTEGER", nullable: false),
                    Wish = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    AnsweredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CorrectedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReadinessResponses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReadinessResponses_ReadinessSurveys_SurveyId",
                        column: x => x.SurveyId,
                        principalTable: "ReadinessSurveys",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ReadinessResponses_Staff_StaffId",
                        column: x => x.StaffId,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ReadinessResponses_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BudgetScenarios_TenantId_FiscalYear_Name",
                table: "BudgetScenarios",
                columns: new[] { "TenantId", "FiscalYear", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FiscalYearBudgets_ScenarioId",
                table: "FiscalYearBudgets",
                column: "ScenarioId");

            migrationBuilder.CreateIndex(
                name: "IX_FiscalYearBudgets_TenantId_FiscalYear",
                table: "FiscalYearBudgets",
                columns: new[] { "TenantId", "FiscalYear" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReadinessResponses_StaffId",
                table: "ReadinessResponses",
                column: "StaffId");

            migrationBuilder.CreateIndex(
                name: "IX_ReadinessResponses_SurveyId_StaffId",
                table: "ReadinessResponses",
                columns: new[] { "SurveyId", "StaffId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReadinessResponses_TenantId_SurveyId_SectionId",
                table: "ReadinessResponses",
                columns: new[] { "TenantId", "SurveyId", "SectionId" });

            migrationBuilder.CreateIndex(
                name: "IX_ReadinessSurveys_TenantId_OpenedAt",
                table: "ReadinessSurveys",
                columns: new[] { "TenantId", "OpenedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FiscalYearBudgets");

            migrationBuilder.DropTable(
                name: "ReadinessResponses");

            migrationBuilder.DropTable(
                name: "BudgetScenarios");

            migrationBuilder.DropTable(
                name: "ReadinessSurveys");
        }
    }
}
