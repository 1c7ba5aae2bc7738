//! The gazetteer's index. In: the entries of `gazetteer/` (places, organisations, people); out:
//! their names as a trie of word ids, walked one token at a time, and the lookups by id, country,
//! role holder and template that resolve a mention to an entry.

use super::{phrase_words, EntityType, GazEntry, Knowledge, NameForm};
use crate::knowledge::norm_key;

impl Knowledge {
    pub(super) fn push(&mut self, e: GazEntry) {
        self.by_id.insert(e.id.clone(), self.entries.len());
        self.gaz_keys.push(format!("gaz:{}", e.id));
        self.entries.push(e);
    }

    /// The mention key of gazetteer entry `i`: `gaz:` and its id, made once at load rather than
    /// for every mention.
    pub fn gaz_key(&self, i: usize) -> &str {
        &self.gaz_keys[i]
    }

    /// Indexes the entries' names: the surface forms and the trie that finds them, each entry's
    /// country, and the forms entries share.
    pub(super) fn index_surfaces(&mut self) {
        self.index_forms();
        self.index_countries();
        self.index_shared_forms();
        self.index_trie_names();
    }

    /// Adds every name, alias and adjective of every entry to [`Knowledge::surface`] and the trie.
    fn index_forms(&mut self) {
        for (i, e) in self.entries.iter().enumerate() {
            // a town that is a place only by context is no trie name: it is looked up by its key
            if e.context_only {
                for form in std::iter::once(&e.name).chain(&e.aliases) {
                    self.context_places.entry(norm_key(form)).or_insert(i);
                }
                continue;
            }
            let forms = std::iter::once(&e.name)
                .chain(&e.aliases)
                .map(|a| (a, false));
            let adjs = e.adjectives.iter().map(|a| (a, true));
            for (form, adj) in forms.chain(adjs) {
                // a leading "the" is matched by the article, not the name
                let form = form.strip_prefix("the ").unwrap_or(form);
                let words = phrase_words(form);
                if words.is_empty() {
                    continue;
                }
                self.max_surface_words = self.max_surface_words.max(words.len());
                let longest = self.first_words.entry(words[0].clone()).or_insert(0);
                *longest = (*longest).max(words.len());
                self.surface_tokens
                    .entry(form.to_string())
                    .or_insert_with(|| {
                        crate::text::tokenize(form, 0)
                            .into_iter()
                            .map(|t| t.text.to_string())
                            .collect()
                    });
                if self.trie_keys.is_empty() {
                    self.trie_keys.push(None);
                }
                let mut node = 0u32;
                for w in &words {
                    let fresh = self.name_words.len() as u32 + 1;
                    let id = *self.name_words.entry(w.clone()).or_insert(fresh);
                    let fresh = self.trie_keys.len() as u32;
                    let next = *self
                        .trie
                        .entry(u64::from(node) << 32 | u64::from(id))
                        .or_insert(fresh);
                    if next == fresh {
                        self.trie_keys.push(None);
                    }
                    node = next;
                }
                let key = words.join(" ");
                self.trie_keys[node as usize] = Some(key.clone());
                let list = self.surface.entry(key).or_default();
                if !list
                    .iter()
                    .any(|(j, f, a)| *j == i && f == form && *a == adj)
                {
                    list.push((i, form.to_string(), adj));
                }
            }
        }
    }

    /// The index of each entry's country ([`Knowledge::country_of`]).
    fn index_countries(&mut self) {
        self.country_ix = (0..self.entries.len())
            .map(|i| {
                let c = self.country_of(&self.entries[i].id)?;
                self.by_id.get(&c).copied()
            })
            .collect();
    }

    /// The entries that share a name form (not an adjective) with another.
    fn index_shared_forms(&mut self) {
        self.has_shared_form = vec![false; self.entries.len()];
        for (key, list) in &self.surface {
            let mut entries: Vec<usize> = list.iter().filter(|x| !x.2).map(|x| x.0).collect();
            entries.sort_unstable();
            entries.dedup();
            if entries.len() > 1 {
                for &e in &entries {
                    self.has_shared_form[e] = true;
                }
                self.shared_forms.insert(key.clone(), entries);
            }
        }
    }

    /// The root's children as an array, and the names that end at each node of the trie.
    fn index_trie_names(&mut self) {
        self.trie_root = vec![0; self.name_words.len() + 1];
        for (&edge, &child) in &self.trie {
            if edge >> 32 == 0 {
                self.trie_root[(edge & 0xffff_ffff) as usize] = child;
            }
        }
        self.trie_names = self
            .trie_keys
            .iter()
            .map(|key| {
                let Some(list) = key.as_ref().and_then(|k| self.surface.get(k)) else {
                    return Vec::new();
                };
                list.iter()
                    .filter_map(|(entry, alias, adjective)| {
                        let words = self.surface_tokens.get(alias)?.clone();
                        let common_tail = words
                            .last()
                            .is_some_and(|a| a.chars().next().is_some_and(char::is_lowercase));
                        Some(NameForm {
                            entry: *entry,
                            words,
                            adjective: *adjective,
                            common_tail,
                        })
                    })
                    .collect()
            })
            .collect();
    }

    /// The surface keys (lowercased words joined by a space, as in [`Knowledge::surface`]) that
    /// `words` start with, with their length in words, shortest first.
    pub fn surfaces_at<'a, 'w, I: IntoIterator<Item = &'w str>>(
        &'a self,
        words: I,
    ) -> impl Iterator<Item = (usize, &'a str)> + use<'a, 'w, I> {
        self.names_at(
            words
                .into_iter()
                .map(|w| self.name_words.get(w).copied().unwrap_or(0)),
        )
    }

    /// [`Knowledge::surfaces_at`] on word ids ([`Knowledge::word`]; 0 for a word of no name).
    pub fn names_at<'a, I: IntoIterator<Item = u32>>(
        &'a self,
        ids: I,
    ) -> impl Iterator<Item = (usize, &'a str)> + use<'a, I> {
        self.trie_walk(ids)
            .enumerate()
            .filter_map(|(n, node)| self.trie_keys[node as usize].as_deref().map(|k| (n + 1, k)))
    }

    /// The gazetteer names that start at a token whose word and the next words have these ids
    /// ([`Knowledge::word`]): their length in words, and their forms, shortest first.
    pub fn name_forms_at<'a, I: IntoIterator<Item = u32>>(
        &'a self,
        ids: I,
    ) -> impl Iterator<Item = (usize, &'a [NameForm])> + use<'a, I> {
        self.trie_walk(ids)
            .enumerate()
            .map(|(n, node)| (n + 1, self.trie_names[node as usize].as_slice()))
            .filter(|(_, forms)| !forms.is_empty())
    }

    /// The trie nodes reached by these word ids, one per word, until no name continues.
    fn trie_walk<'a, I: IntoIterator<Item = u32>>(
        &'a self,
        ids: I,
    ) -> impl Iterator<Item = u32> + use<'a, I> {
        let mut node = 0u32;
        ids.into_iter().map_while(move |id| {
            node = if node == 0 {
                // a node is never 0 but the root: no child is 0 either
                self.trie_root
                    .get(id as usize)
                    .copied()
                    .filter(|&c| c != 0)?
            } else if id == 0 {
                return None;
            } else {
                *self.trie.get(&(u64::from(node) << 32 | u64::from(id)))?
            };
            Some(node)
        })
    }

    /// Whether entry `i` shares a name form with another entry.
    pub fn has_shared_form(&self, i: usize) -> bool {
        self.has_shared_form.get(i).copied().unwrap_or(false)
    }

    /// The index of the country entry `id` belongs to ([`Knowledge::country_of`]), made at load.
    pub fn country_index(&self, id: &str) -> Option<usize> {
        let i = *self.by_id.get(id)?;
        self.country_ix.get(i).copied().flatten()
    }

    /// The entries that share the name form `key` (lowercased words joined by a space) with entry
    /// `i`, `i` among them, in gazetteer order; `None` when `i` shares no form.
    pub fn sharing(&self, i: usize, key: &str) -> Option<&[usize]> {
        if !self.has_shared_form.get(i).copied().unwrap_or(false) {
            return None;
        }
        self.shared_forms.get(key).map(Vec::as_slice)
    }

    /// The gazetteer entry with this id.
    pub fn entry(&self, id: &str) -> Option<&GazEntry> {
        self.by_id.get(id).map(|&i| &self.entries[i])
    }

    /// The gazetteer town of this name key (its `norm_key`) that is a place only by context
    /// ("in Mobile"): for a name the text makes a place, its entry.
    pub fn context_place(&self, key: &str) -> Option<usize> {
        self.context_places.get(key).copied()
    }

    /// The country a gazetteer entry belongs to (itself for a country).
    pub fn country_of(&self, id: &str) -> Option<String> {
        let e = self.entry(id)?;
        if e.kind == "country" {
            return Some(e.id.clone());
        }
        let c = e.country.clone().or_else(|| e.parent.clone())?;
        if c == id {
            return None;
        }
        match self.entry(&c) {
            Some(p) if p.kind == "country" => Some(p.id.clone()),
            Some(p) if p.etype == EntityType::Place && p.id != e.id => {
                self.country_of(&p.id.clone())
            }
            _ => None,
        }
    }

    /// The person holding `role` of `of` in `year`, from the gazetteer. Terms are recorded in whole
    /// years, so in a year of handover the newer holder is taken.
    pub fn holder(&self, role_words: &[&str], of: &str, year: Option<i32>) -> Option<&GazEntry> {
        self.role_holders
            .get(of)?
            .iter()
            .map(|&i| &self.entries[i])
            .filter_map(|e| {
                let from = e
                    .roles
                    .iter()
                    .filter(|(r, o, from, to)| {
                        o == of
                            && role_words.contains(&r.as_str())
                            && year.is_none_or(|y| {
                                from.is_none_or(|f| f <= y) && to.is_none_or(|t| y <= t)
                            })
                    })
                    .map(|(_, _, from, _)| from.unwrap_or(i32::MIN))
                    .max()?;
                (e.etype == EntityType::Person).then_some((from, e))
            })
            .max_by(|a, b| a.0.cmp(&b.0).then(b.1.id.cmp(&a.1.id)))
            .map(|(_, e)| e)
    }

    /// The body of `template` for `country`: a gazetteer organisation of that country whose name or
    /// alias contains the template's phrase.
    pub fn template_org(&self, template: &str, country: &str) -> Option<&GazEntry> {
        self.template_orgs
            .get(&(template.to_string(), country.to_string()))
            .map(|&i| &self.entries[i])
    }

    pub(super) fn index_people(&mut self) {
        for (i, e) in self
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.etype == EntityType::Person)
        {
            for a in std::iter::once(&e.name).chain(&e.aliases) {
                let w: Vec<String> = a.split_whitespace().map(norm_key).collect();
                if w.len() >= 2 {
                    self.person_names
                        .entry(w[0].clone())
                        .or_default()
                        .push((i, w));
                }
            }
            let mut of: Vec<&String> = e.roles.iter().map(|(_, o, _, _)| o).collect();
            of.sort();
            of.dedup();
            for o in of {
                self.role_holders.entry(o.clone()).or_default().push(i);
            }
        }
    }

    pub(super) fn index_templates(&mut self) {
        // a body named by the phrase itself ("Senate") comes before those that contain it
        // ("Senate Armed Services Committee")
        for exact in [true, false] {
            self.index_templates_by(exact);
        }
    }

    fn index_templates_by(&mut self, exact: bool) {
        for (i, e) in self.entries.iter().enumerate() {
            let Some(country) = e
                .country
                .as_ref()
                .filter(|_| e.etype == EntityType::Organization)
            else {
                continue;
            };
            let names: Vec<Vec<String>> = std::iter::once(&e.name)
                .chain(&e.aliases)
                .map(|a| phrase_words(a))
                .collect();
            for (p, t) in &self.org_templates {
                let found = if exact {
                    names.iter().any(|w| w == p)
                } else {
                    names
                        .iter()
                        .any(|w| w.windows(p.len()).any(|x| x == p.as_slice()))
                };
                if found {
                    self.template_orgs
                        .entry((t.clone(), country.clone()))
                        .or_insert(i);
                }
            }
        }
    }
}
