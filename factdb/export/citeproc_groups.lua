-- Format each group of references with its own citeproc run, in one pandoc process.
--
-- citeproc's disambiguation (given names, year suffixes) costs time that grows with the
-- square of the references formatted together, but it only relates references whose
-- first authors share a family name: factdb groups them so (never splitting one name),
-- and this filter formats each group and joins them: every group's body in order, then
-- one list of references in the order the style sorts them, found by one more citeproc
-- run over every reference with a copy of the style that prints nothing (`factdb-order`:
-- that style and the CSL-JSON of every reference, separated by a tab; absent when there
-- is one group, whose order is citeproc's own).
-- The file named by `factdb-groups` lists one group a line: its Markdown (the citations,
-- or a `nocite`) and its CSL-JSON, separated by a tab. When `factdb-listing` names a file,
-- the filter writes there which reference is which, for factdb to keep each one: a line
-- `O<tab>id` for every reference in the style's order, then `E<tab>id<tab>0|1` for every
-- entry of the list it returns, in order (1: the entry prints nothing).
-- A group's CSL-JSON may hold stand-ins (ids beginning `factdb-witness-`): works that are
-- formatted with the group only so that its names are compared with the same names as in
-- the whole list; their entries are dropped.

local function read_file(path)
  local handle = assert(io.open(path, "r"))
  local text = handle:read("a")
  handle:close()
  return text
end

local function with_meta(doc, meta)
  for key, value in pairs(meta) do
    if key:sub(1, 7) ~= "factdb-" and doc.meta[key] == nil then
      doc.meta[key] = value
    end
  end
  return doc
end

local function refs_of(blocks)
  for _, block in ipairs(blocks) do
    if block.t == "Div" and block.identifier == "refs" then
      return block
    end
  end
end

local function split(line)
  local fields = {}
  for field in (line .. "\t"):gmatch("(.-)\t") do
    fields[#fields + 1] = field
  end
  return fields
end

-- One citeproc run: the Markdown file's citations of the items in `bibliography` (a file
-- or a list of files), with the style of `csl` when given.
local function citeproc(markdown, bibliography, meta, csl)
  local group = with_meta(pandoc.read(read_file(markdown), "markdown"), meta)
  group.meta.bibliography = bibliography
  if csl then
    group.meta.csl = csl
  end
  return pandoc.utils.citeproc(group)
end

-- A long series of year suffixes, in chunks (factdb/export/series.py says why and how).
-- A chunk's line: its Markdown and CSL-JSON, then the series' name, year, cite style,
-- copies of its works (a line each: id, tab, CSL-JSON) and whole CSL-JSON, then the
-- chunk's cites.

-- citeproc's year suffix for a number: a-z, then aa, ab ... az, ba ... zz.
local function suffix_of(n)
  if n < 27 then
    return string.char(96 + n)
  end
  return utf8.char(96 + (n - 1) // 26) .. string.char(97 + (n - 1) % 26)
end

-- The entry with the suffix citeproc gave it in its chunk put right (`wanted`), or nil when
-- there is not exactly one suffix after the year.
local function with_suffix(entry, year, wanted)
  local pattern = "%f[%d]" .. year .. "%l+%f[^%l]"
  local count = 0
  entry:walk({Str = function(str)
    count = count + select(2, str.text:gsub(pattern, ""))
  end})
  if count ~= 1 then
    return nil
  end
  return entry:walk({Str = function(str)
    return pandoc.Str((str.text:gsub(pattern, year .. wanted)))
  end})
end

local function by_place(place)
  return function(a, b)
    return place["ref-" .. a] < place["ref-" .. b]
  end
end

-- Each work's number in its series (works that cite alike), by the list's order.
local function numbers_of(chunks, place, meta)
  local alike, kind_of = {}, {}
  for _, chunk in ipairs(chunks) do
    chunk.ids = {}
    citeproc(chunk[8], chunk[2], meta, chunk[5]):walk({Cite = function(cite)
      local id = cite.citations[1].id
      if id:sub(1, 15) == "factdb-witness-" then
        return nil -- cited only as they are in the whole list
      end
      local text = pandoc.utils.stringify(cite.content)
      chunk.ids[#chunk.ids + 1] = id
      kind_of[id] = text
      alike[text] = alike[text] or {}
      table.insert(alike[text], id)
    end})
  end
  local numbers = {}
  for _, ids in pairs(alike) do
    if #ids > 1 then
      for _, id in ipairs(ids) do
        if not place["ref-" .. id] then
          return nil
        end
      end
      table.sort(ids, by_place(place))
      for n, id in ipairs(ids) do
        numbers[id] = n
      end
    end
  end
  return numbers, kind_of
end

local function read_copies(path)
  local copies = {}
  for line in io.lines(path) do
    local id, item = line:match("^(.-)\t(.*)$")
    copies[id] = item
  end
  return copies
end

-- One chunk formatted, each entry with its suffix in the series; nil if one cannot be put right.
local function chunk_entries(chunk, numbers, kind_of, copies, place, meta)
  local alike = {}
  for _, id in ipairs(chunk.ids) do
    if numbers[id] then
      alike[kind_of[id]] = alike[kind_of[id]] or {}
      table.insert(alike[kind_of[id]], id)
    end
  end
  local extra = {}
  for _, ids in pairs(alike) do
    if #ids == 1 then -- alone of its kind here: a copy makes it get a suffix
      extra[#extra + 1] = copies[ids[1]]
    end
  end
  local bibliography = chunk[2]
  if #extra > 0 then
    local path = chunk[2] .. ".copies.json"
    local handle = assert(io.open(path, "w"))
    handle:write("[", table.concat(extra, ","), "]")
    handle:close()
    bibliography = {chunk[2], path}
  end
  local blocks = citeproc(chunk[1], bibliography, meta).blocks
  for _, block in ipairs(blocks) do
    if block.t == "Div" and block.identifier == "refs" then
      for index, entry in ipairs(block.content) do
        local id = entry.identifier:sub(5)
        if id:sub(1, 15) == "factdb-witness-" then
          -- a stand-in: dropped later
        elseif numbers[id] then
          local fixed = with_suffix(entry, chunk[4], suffix_of(numbers[id]))
          if not fixed then
            return nil
          end
          block.content[index] = fixed
        elseif pandoc.utils.stringify(entry):find("%f[%d]" .. chunk[4] .. "%l") then
          return nil -- a suffix where none was expected, or a year like it in the text
        end
      end
    end
  end
  return blocks
end

local wholes = {} -- the series formatted whole, listed (W) for factdb's tests

local function series_blocks(chunks, place, meta)
  local numbers, kind_of = numbers_of(chunks, place, meta)
  if numbers then
    local copies, blocks = read_copies(chunks[1][6]), {}
    for _, chunk in ipairs(chunks) do
      local formatted = chunk_entries(chunk, numbers, kind_of, copies, place, meta)
      if not formatted then
        blocks = nil
        break
      end
      for _, block in ipairs(formatted) do
        blocks[#blocks + 1] = block
      end
    end
    if blocks then
      return blocks
    end
  end
  wholes[#wholes + 1] = chunks[1][3]
  return citeproc(chunks[1][1], chunks[1][7], meta).blocks -- the series whole
end

function Pandoc(doc)
  local place, order = {}, {}
  if doc.meta["factdb-order"] then
    local order_csl, everything = pandoc.utils.stringify(doc.meta["factdb-order"]):match("^(.-)\t(.*)$")
    local sorting = with_meta(pandoc.read('---\nnocite: "@*"\n---\n', "markdown"), doc.meta)
    sorting.meta.csl = order_csl
    sorting.meta.bibliography = everything
    local sorted = refs_of(pandoc.utils.citeproc(sorting).blocks)
    for number, entry in ipairs(sorted and sorted.content or {}) do
      place[entry.identifier] = number
      order[#order + 1] = entry.identifier
    end
  end
  local body, entries, refs = {}, {}, nil
  local function add(blocks)
    for _, block in ipairs(blocks) do
      if block.t == "Div" and block.identifier == "refs" then
        refs = refs or block
        for _, entry in ipairs(block.content) do
          if entry.identifier:sub(1, 19) ~= "ref-factdb-witness-" then
            entries[#entries + 1] = {place = place[entry.identifier] or 0, seen = #entries, entry = entry}
          end
        end
      else
        body[#body + 1] = block
      end
    end
  end
  local lines = {}
  for line in io.lines(pandoc.utils.stringify(doc.meta["factdb-groups"])) do
    lines[#lines + 1] = split(line)
  end
  local number = 1
  while number <= #lines do
    local fields = lines[number]
    if fields[3] then -- the first chunk of a series: the series' chunks, all at once
      local chunks = {}
      while lines[number] and lines[number][3] == fields[3] do
        chunks[#chunks + 1] = lines[number]
        number = number + 1
      end
      add(series_blocks(chunks, place, doc.meta))
    else
      add(citeproc(fields[1], fields[2], doc.meta).blocks)
      number = number + 1
    end
  end
  if refs then
    table.sort(entries, function(a, b)
      if a.place ~= b.place then
        return a.place < b.place
      end
      return a.seen < b.seen
    end)
    local ordered = {}
    for _, found in ipairs(entries) do
      ordered[#ordered + 1] = found.entry
    end
    body[#body + 1] = pandoc.Div(ordered, refs.attr)
  end
  if doc.meta["factdb-listing"] then
    local listing = assert(io.open(pandoc.utils.stringify(doc.meta["factdb-listing"]), "w"))
    if #order == 0 then
      for _, found in ipairs(entries) do
        order[#order + 1] = found.entry.identifier
      end
    end
    for _, identifier in ipairs(order) do
      listing:write("O\t", identifier, "\n")
    end
    for _, name in ipairs(wholes) do
      listing:write("W\t", name, "\n")
    end
    for _, found in ipairs(entries) do
      local empty = pandoc.utils.stringify(found.entry) == "" and "1" or "0"
      listing:write("E\t", found.entry.identifier, "\t", empty, "\n")
    end
    listing:close()
  end
  doc.meta["factdb-groups"] = nil
  doc.meta["factdb-order"] = nil
  doc.meta["factdb-listing"] = nil
  return pandoc.Pandoc(body, doc.meta)
end
