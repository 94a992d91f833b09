using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zaitaku.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class WorkdayTallies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "WorkdayTallies",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    SectionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Place = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkdayTallies", x => new { x.TenantId, x.Date, x.SectionId, x.Place });
                    table.ForeignKey(
                        name: "FK_WorkdayTallies_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            // The records already kept, counted under each staff member's unit now (standard SQL, the same on both databases).
            migrationBuilder.Sql(
                "INSERT INTO \"WorkdayTallies\" (\"TenantId\", \"Date\", \"SectionId\", \"Place\", \"Count\") " +
                "SELECT w.\"TenantId\", w.\"Date\", s.\"SectionId\", w.\"Place\", COUNT(*) FROM \"Workdays\" w JOIN \"Staff\" s ON s.\"Id\" = w.\"StaffId\" " +
                "GROUP BY w.\"TenantId\", w.\"Date\", s.\"SectionId\", w.\"Place\"");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "WorkdayTallies");
        }
    }
}
