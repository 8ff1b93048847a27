-- People and containers found by name through GIN-indexed tsvectors instead of LIKE scans.
-- Names are not stemmed ('simple'), but folded: lower case, umlauts and accents to their base
-- letter, ß to ss, so "Müller", "muller" and "MÜLLER" meet; prefix queries (name:*) match as one
-- types. The expression must stay identical to qt::search's kNameVector (core/src/search).
CREATE INDEX users_name_search ON users USING GIN (
  to_tsvector('simple'::regconfig, replace(translate(lower(display_name), 'äöüÄÖÜéèêëÉÈÊáàâÁÀÂíìîïóòôÓÒÔúùûÚÙÛçñ', 'aouaoueeeeeeeaaaaaaiiiioooooouuuuuucn'), 'ß', 'ss'))
) WHERE status = 'active';
CREATE INDEX containers_name_search ON containers USING GIN (
  to_tsvector('simple'::regconfig, replace(translate(lower(name), 'äöüÄÖÜéèêëÉÈÊáàâÁÀÂíìîïóòôÓÒÔúùûÚÙÛçñ', 'aouaoueeeeeeeaaaaaaiiiioooooouuuuuucn'), 'ß', 'ss'))
) WHERE kind <> 'profile';
