//! §31 Message templates (issue 10): plain declarations, and the seeding of the three default
//! templates, custom because it must be idempotent without a unique key (issue 10).

use crate::enums::MESSAGE_TEMPLATE_TYPES;
use crate::route::Dir::Asc;
use crate::route::Method::Post;
use crate::route::{Cmp, Filter, FilterValue, ParamKind, Route, crud};
use crate::tables::MESSAGE_TEMPLATES;

/// The custom operations of this section (the PascalCase of their operation ids).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Custom {
    /// seedDefaultTemplates: inserts the [`DEFAULT_TEMPLATES`] the tenant does not have yet.
    SeedDefaultTemplates,
}

const fn op(c: Custom) -> super::Custom {
    super::Custom::MessageTemplates(c)
}

/// A template seedDefaultTemplates inserts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DefaultTemplate {
    /// Its `type` (one of [`MESSAGE_TEMPLATE_TYPES`]), also what makes its seeded id.
    pub kind: &'static str,
    /// Its `name`, as schema.md §8.5 gives it.
    pub name: &'static str,
    /// Its `content`, with the `{{variables}}` of its type.
    pub content: &'static str,
    /// Its `order`.
    pub order: i32,
}

/// The DEFAULT_TEMPLATES of seedDefaultTemplates: types, names and orders as schema.md §8.5 and
/// storage-api §31 give them (price_result 0, price_options 1, not_found 0). The old texts are not
/// part of the spec; these use the variables schema.md §8.5 lists for each type.
pub const DEFAULT_TEMPLATES: [DefaultTemplate; 3] = [
    DefaultTemplate {
        kind: "price_result",
        name: "Результат поиска цены",
        content: "{{transmission_model}} ({{car_brand}}, OEM {{oem}}): от {{min_price}} до {{max_price}} ₽, \
                  в среднем {{avg_price}} ₽.\nПробег: {{mileage_range}}. Происхождение: {{origin}}, \
                  производитель: {{manufacturer}}.\nПредложений: {{listings_count}}, данные на {{date}}.",
        order: 0,
    },
    DefaultTemplate {
        kind: "price_options",
        name: "Варианты по цене и пробегу",
        content: "Есть несколько вариантов:\n• бюджетный — {{budget_price}} ₽, пробег {{budget_mileage}} км;\n\
                  • средний — {{mid_price}} ₽, пробег {{mid_mileage}} км;\n\
                  • лучший по пробегу — {{quality_price}} ₽, пробег {{quality_mileage}} км.\n\
                  Какой вариант вам подходит?",
        order: 1,
    },
    DefaultTemplate {
        kind: "not_found",
        name: "Не найдено / уточнение цены",
        content: "Сразу найти цену на эту коробку не удалось. Менеджер уточнит стоимость и наличие \
                  и ответит вам в ближайшее время.",
        order: 0,
    },
];

const TEMPLATES: &str = "/v1/tenants/{tenantId}/message-templates";
const TEMPLATE: &str = "/v1/tenants/{tenantId}/message-templates/{messageTemplateId}";
const KEY: &[(&str, &str)] = &[("messageTemplateId", "id")];
/// storage-api §31: ORDER BY "order" ASC, created_at ASC (the id ends it).
const BY_ORDER: &[(&str, crate::route::Dir)] = &[("order", Asc), ("created_at", Asc)];

/// The routes of this section.
pub static ROUTES: &[Route] = &[
    crud::list(
        &MESSAGE_TEMPLATES,
        TEMPLATES,
        "getMessageTemplatesByTenant",
        "The tenant's message templates, by order",
    )
    .order(BY_ORDER),
    // storage-api §31: is_active and the type, lowest order first (then oldest); 404 where the
    // old method answered undefined.
    crud::first(
        &MESSAGE_TEMPLATES,
        "/v1/tenants/{tenantId}/message-templates/active/{templateType}",
        "getActiveMessageTemplateByType",
        "The active template of a type with the lowest order",
    )
    .path_kinds(&[("templateType", ParamKind::OneOf(MESSAGE_TEMPLATE_TYPES))])
    .binds(&[("templateType", "type")])
    .filters(&[Filter { column: "is_active", cmp: Cmp::Eq, value: FilterValue::Text("true") }])
    .order(BY_ORDER),
    crud::get(&MESSAGE_TEMPLATES, TEMPLATE, "getMessageTemplate", "Get a message template").binds(KEY),
    crud::create(&MESSAGE_TEMPLATES, TEMPLATES, "createMessageTemplate", "Add a message template"),
    // storage-api §31: patch + updated_at = now (the executor's patch sets it).
    crud::patch(&MESSAGE_TEMPLATES, TEMPLATE, "updateMessageTemplate", "Update a message template").binds(KEY),
    crud::delete(&MESSAGE_TEMPLATES, TEMPLATE, "deleteMessageTemplate", "Delete a message template").binds(KEY),
    crud::custom(
        Post,
        &MESSAGE_TEMPLATES,
        "/v1/tenants/{tenantId}/message-templates/seed-defaults",
        "seedDefaultTemplates",
        "Add the three default templates the tenant does not have yet (idempotent)",
        op(Custom::SeedDefaultTemplates),
    )
    .status(204),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_templates_fit_their_columns() {
        for t in DEFAULT_TEMPLATES {
            assert!(MESSAGE_TEMPLATE_TYPES.contains(&t.kind), "{}", t.kind);
            let body = serde_json::json!({"type": t.kind, "name": t.name, "content": t.content, "order": t.order});
            let checked = crate::validate::validate(MESSAGE_TEMPLATES.columns, crate::validate::Mode::Insert, &body);
            assert!(checked.is_ok(), "{}: {checked:?}", t.kind);
        }
        let kinds: std::collections::HashSet<_> = DEFAULT_TEMPLATES.iter().map(|t| t.kind).collect();
        assert_eq!(kinds.len(), DEFAULT_TEMPLATES.len(), "the type makes the seeded id: one template per type");
    }
}
